import { describe, expect, test } from '@jest/globals';
import {
  isDockerfile,
  isSecretName,
  lintDockerfile,
  simpleCommands,
} from '../../../src/checks/lint/dockerfile.js';

const found = (text: string) => lintDockerfile(text).map((f) => `${f.rule}:${f.line}`);

describe('Dockerfile rules (hadolint IDs beside ours)', () => {
  test.each([
    ['FROM python\n', ['MCI201:1']],
    ['FROM python:latest\n', ['MCI202:1']],
    ['FROM python:latest@sha256:' + 'a'.repeat(64) + '\n', []],
    ['FROM scratch\n', []],
    ['ARG BASE=python:3.11\nFROM ${BASE}\n', []],
    ['FROM python:3.11 AS build\nFROM build\n', []],
    ['FROM --platform=$BUILDPLATFORM node:20 AS b\nFROM b\n', []],
    ['FROM debian:12\nRUN apt-get update && apt-get install -y curl\n', ['MCI204:2', 'MCI203:2']],
    [
      'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
      [],
    ],
    ['FROM debian:12\nRUN apt-get install --no-install-recommends curl\n', ['MCI212:2']],
    ['FROM debian:12\nRUN apt-get -qq install --no-install-recommends curl\n', []],
    ['FROM debian:12 AS b\nRUN apt-get update\nFROM debian:12\n', []], // only the final stage ships its layers
    ['FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt apt-get update\n', []],
    ['FROM python:3.11\nRUN pip install torch==2.3.1\n', ['MCI205:2']],
    ['FROM python:3.11\nRUN python3 -m pip install --no-cache-dir torch\n', ['MCI213:2']],
    ['FROM python:3.11\nENV PIP_NO_CACHE_DIR=1\nRUN pip install -r requirements.txt\n', []],
    ['FROM python:3.11\nRUN --mount=type=cache,target=/root/.cache pip install -r r.txt "x==1" ./pkg\n', []],
    ['FROM python:3.11\nRUN ["pip", "install", "--no-cache-dir", "flask>=3"]\n', ['MCI213:2']],
    ['FROM python:3.11\nRUN cd /app && make\n', ['MCI209:2']],
    ['FROM python:3.11\nRUN sudo make install\n', ['MCI214:2']],
    [
      'FROM python:3.11\nADD app.py /app/\nADD https://example.com/x.tgz /x\nADD data.tar.gz /data\n',
      ['MCI208:2'],
    ],
    ['FROM python:3.11\nCMD python app.py\n', ['MCI206:2']],
    ['FROM python:3.11\nCMD ["python", "app.py"]\nCMD ["python", "b.py"]\n', ['MCI215:3']],
    ['FROM python:3.11\nENTRYPOINT ["x"]\nENTRYPOINT y\n', ['MCI215:3', 'MCI206:3']],
    ['FROM python:3.11\nUSER app\nUSER root\n', ['MCI207:3']],
    ['FROM python:3.11\nUSER root\nRUN make\nUSER 1000\n', []],
    ['FROM python:3.11\nUSER 0:0\n', ['MCI207:2']],
    [
      'FROM python:3.11\nARG HF_TOKEN\nENV DB_PASSWORD=x TOKEN_FILE=/run/t\nARG AWS_ACCESS_KEY_ID\n',
      ['MCI210:2', 'MCI210:3'],
    ],
    ['FROM python:3.11\nEXPOSE 8080\n', ['MCI211:2']],
    ['FROM python:3.11\nEXPOSE 8080\nHEALTHCHECK CMD ["curl", "-f", "http://localhost:8080/"]\n', []],
    ['FROM python:3.11\nRUN pip install --no-cache-dir \\\n    torch \\\n    numpy==1.26.4\n', ['MCI213:2']],
  ])('%j', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  test('messages name what is wrong; keys do not depend on the line', () => {
    const [a] = lintDockerfile('FROM python:3.11\nRUN pip install --no-cache-dir flask\n');
    const [b] = lintDockerfile('FROM python:3.11\n\n\n# moved\nRUN pip install --no-cache-dir flask\n');
    expect(a.message).toBe('pip install of flask without a pinned version (use package==version)');
    expect(b.line).toBe(5);
    expect(a.key).toBe(b.key);
  });

  test('helpers', () => {
    expect(simpleCommands('A=1 sudo apt-get install -y \'a b\' && cd /x; echo "$Y" | tee f')).toEqual([
      ['sudo', 'apt-get', 'install', '-y', 'a b'],
      ['cd', '/x'],
      ['echo', '$Y'],
      ['tee', 'f'],
    ]);
    for (const n of ['Dockerfile', 'Dockerfile.gpu', 'serve.Dockerfile', 'Containerfile'])
      expect(isDockerfile(n)).toBe(true);
    expect(isDockerfile('dockerfile-ast.md')).toBe(false);
    expect(['HF_TOKEN', 'PASSWORD', 'api_key'].map(isSecretName)).toEqual([true, true, true]);
    expect(['TOKEN_FILE', 'AWS_ACCESS_KEY_ID', 'PWD', 'KEYBOARD'].map(isSecretName)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});
