"""Run a command with its stderr on a pseudo-terminal and its stdout on a pipe, as a user's terminal
would when stdout is redirected (`model-ci ... > out.txt`). Prints JSON: {"code", "stdout", "stderr"}
(stderr = everything written to the terminal). Used by test/cli/progress-pty.test.ts; /usr/bin/python3.
"""
import json
import os
import pty
import subprocess
import sys

master, slave = pty.openpty()
proc = subprocess.Popen(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=slave)
os.close(slave)
chunks = []
while True:
    try:
        data = os.read(master, 65536)
    except OSError:  # EIO: the terminal's last writer closed it
        break
    if not data:
        break
    chunks.append(data)
out = proc.stdout.read()
code = proc.wait()
print(json.dumps({"code": code, "stdout": out.decode("utf-8", "replace"),
                  "stderr": b"".join(chunks).decode("utf-8", "replace")}))
