/**
 * Outputs never destroy inputs. Every command records the files it reads and claims the files it will
 * write *before* it writes anything; a claim on a file that is an input (the same file by device and
 * inode after symlinks, so symlinks and hard links count) or that another output of the run already
 * claimed is refused with an InputError. Writes are atomic (a temporary file in the same folder, then a
 * rename), so an interrupted run never leaves half a file, and a rename replaces a link rather than
 * writing through it.
 */
import { randomBytes } from 'node:crypto';
import {
  accessSync,
  closeSync,
  constants,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { escapesRoot } from './confine.js';
import { InputError } from './errors.js';

/** `dev:ino` of the file a path names after symlinks, or undefined when nothing is there. */
export function fileIdentity(path: string): string | undefined {
  try {
    const s = statSync(path, { bigint: true });
    return `${s.dev}:${s.ino}`;
  } catch {
    return undefined;
  }
}

/** The one-line reason for a file-system error code, in words a user acts on. */
export function fsReason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOTDIR':
      return 'a file stands where a folder must be';
    case 'EISDIR':
      return 'it is a folder, not a file';
    case 'EEXIST':
      return 'a file stands where a folder must be';
    case 'ENAMETOOLONG':
      return 'the path is too long';
    case 'ENOENT':
      return 'no such file or folder';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    case 'EIO':
      return 'input/output error';
    default:
      return e?.code ? `${e.code.toLowerCase()}` : String(e?.message ?? e);
  }
}

export interface OutputClaim {
  path: string;
  /** What the output is, for messages: `--out`, `--suite-out`, `result file`, `golden file`. */
  what: string;
}

/**
 * The files one command (or one `model-ci run`) reads and writes. Paths are resolved against `cwd`.
 * Create one per command; steps receive it through their context.
 */
export class FileGuard {
  private readonly inputs = new Map<string, string>(); // resolved path -> label
  private readonly inputIds = new Map<string, string>(); // dev:ino -> resolved path
  private readonly outputs = new Map<string, OutputClaim>(); // resolved path -> claim
  private readonly outputIds = new Map<string, string>(); // dev:ino -> resolved path

  /**
   * @param cwd relative paths resolve against it
   * @param options.root the repository (or workspace): an input inside it must not lead out of it through
   *   a symbolic link (a pull request can commit a link to `/proc/self/environ` under a data file's name)
   * @param options.shownFrom messages show paths relative to this folder (default `cwd`)
   */
  constructor(
    private readonly cwd: string = process.cwd(),
    private readonly options: { root?: string; shownFrom?: string } = {},
  ) {}

  /**
   * Record a file the command reads (existing or not: a missing input is the reader's error to report).
   * @throws InputError when the path is inside the root but a symbolic link leads it out
   */
  addInput(path: string, label = 'input'): void {
    const p = resolve(this.cwd, path);
    if (this.options.root) {
      const why = escapesRoot(this.options.root, p, false);
      if (why)
        throw new InputError(
          `${label} ${this.show(p)} leads out of ${this.options.root} (${why}); a link inside the repository may not point outside it — name the outside file directly to read it`,
        );
    }
    if (!this.inputs.has(p)) this.inputs.set(p, label);
    const id = fileIdentity(p);
    if (id && !this.inputIds.has(id)) this.inputIds.set(id, p);
  }

  addInputs(paths: Iterable<string>, label = 'input'): void {
    for (const p of paths) this.addInput(p, label);
  }

  /** Every recorded input, resolved. */
  inputPaths(): string[] {
    return [...this.inputs.keys()];
  }

  /**
   * Reserve `path` as an output of this command. Throws an InputError when it is one of the inputs (same
   * path, or the same file through a symlink or hard link), another output's path, or a folder.
   */
  claimOutput(path: string, what: string): string {
    const p = resolve(this.cwd, path);
    const shown = this.show(p);
    const id = fileIdentity(p);
    const input = this.inputs.has(p) ? p : id ? this.inputIds.get(id) : undefined;
    if (input !== undefined) {
      const same = input === p ? '' : ` (the same file as ${this.show(input)}, through a link)`;
      throw new InputError(
        `${what} ${shown} is one of the input files${same}; choose another path so the input is not overwritten`,
      );
    }
    const other = this.outputs.get(p) ?? (id ? this.outputs.get(this.outputIds.get(id) ?? '') : undefined);
    if (other && other.what !== what)
      throw new InputError(
        `${what} ${shown} is also the path of ${other.what}; give each output its own file`,
      );
    if (other)
      throw new InputError(`${what} ${shown} is written twice in this run; give each output its own file`);
    try {
      if (statSync(p).isDirectory())
        throw new InputError(`cannot write ${what} to ${shown}: it is a folder, not a file`);
    } catch (e) {
      if (e instanceof InputError) throw e;
    }
    probeWritable(p, what, shown);
    this.outputs.set(p, { path: p, what });
    if (id) this.outputIds.set(id, p);
    return p;
  }

  /** Claim (if not yet claimed) and write `content` atomically. */
  write(path: string, content: string | Uint8Array, what: string): string {
    const p = resolve(this.cwd, path);
    const claim = this.outputs.get(p);
    if (!claim) this.claimOutput(p, what);
    else this.recheck(p, claim.what);
    writeAtomic(p, content, claim?.what ?? what, this.show(p));
    return p;
  }

  /** A path for messages: relative to the command's working folder when inside it, else absolute. */
  private show(p: string): string {
    const rel = relative(this.options.shownFrom ?? this.cwd, p);
    return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : p;
  }

  /** Between claim and write an input may have been created at the path (or linked there): look again. */
  private recheck(p: string, what: string): void {
    const id = fileIdentity(p);
    const input = this.inputs.has(p) ? p : id ? this.inputIds.get(id) : undefined;
    if (input !== undefined)
      throw new InputError(`${what} ${this.show(p)} is one of the input files; choose another path`);
  }
}

/**
 * Fail before a command runs, not after, when an output cannot be written: the deepest existing folder on
 * its path must be a folder (not a file) that this process may write into (permissions, a read-only file
 * system). A full disk can only show when writing; {@link writeAtomic} reports it then.
 */
function probeWritable(path: string, what: string, shown: string): void {
  let dir = dirname(path);
  for (;;) {
    let isDir: boolean;
    try {
      isDir = statSync(dir).isDirectory();
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        const parent = dirname(dir);
        if (parent === dir) return;
        dir = parent;
        continue;
      }
      throw new InputError(`cannot write ${what} to ${shown}: ${fsReason(e)}`);
    }
    if (!isDir)
      throw new InputError(`cannot write ${what} to ${shown}: a file stands where a folder must be`);
    try {
      accessSync(dir, constants.W_OK | constants.X_OK);
    } catch (e) {
      throw new InputError(`cannot write ${what} to ${shown}: ${fsReason(e)}`);
    }
    return;
  }
}

/**
 * Write a file atomically: a temporary file in the same folder, flushed, then renamed over `path`.
 * Missing folders are created. Failures are InputErrors saying what could not be written and why.
 */
export function writeAtomic(path: string, content: string | Uint8Array, what = 'output', shown = path): void {
  const dir = dirname(path);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new InputError(`cannot write ${what} to ${shown}: ${fsReason(e)} (creating its folder)`);
  }
  try {
    if (lstatSync(path).isDirectory())
      throw new InputError(`cannot write ${what} to ${shown}: it is a folder, not a file`);
  } catch (e) {
    if (e instanceof InputError) throw e;
  }
  const tmp = join(
    dir,
    `.${basename(path).slice(0, 100)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', 0o644);
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    for (let off = 0; off < bytes.length;) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
  } catch (e) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        /* already failing */
      }
    }
    try {
      unlinkSync(tmp);
    } catch {
      /* the temporary file may not exist */
    }
    throw new InputError(`cannot write ${what} to ${shown}: ${fsReason(e)}`);
  }
}
