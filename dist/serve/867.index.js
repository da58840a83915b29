export const id = 867;
export const ids = [867];
export const modules = {

/***/ 7867:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  serve: () => (/* binding */ serve)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/core/errors.ts
/**
 * Errors a caller branches on. Every one of them means "the input was wrong" and maps to exit code 2;
 * their message is a single line that names the place (file:line:column or key path) and what was expected.
 */
class ModelCiError extends Error {
    name = 'ModelCiError';
}
/** A bad flag, action input or option value. */
class errors_InputError extends ModelCiError {
    name = 'InputError';
}
function formatPosition(pos) {
    let s = pos.file;
    if (pos.line !== undefined) {
        s += `:${pos.line}`;
        if (pos.column !== undefined)
            s += `:${pos.column}`;
    }
    return s;
}
/** A data file that cannot be read as the format it claims (CSV, JSONL, Parquet, model files). */
class DataFormatError extends ModelCiError {
    position;
    detail;
    name = 'DataFormatError';
    constructor(position, detail) {
        super(`${formatPosition(position)}: ${detail}`);
        this.position = position;
        this.detail = detail;
    }
}
/** A configuration or suite/rules file that parses but says something invalid, or does not parse. */
class ConfigError extends ModelCiError {
    position;
    detail;
    keyPath;
    name = 'ConfigError';
    constructor(position, detail, keyPath) {
        super(`${formatPosition(position)}: ${keyPath ? `${keyPath}: ` : ''}${detail}`);
        this.position = position;
        this.detail = detail;
        this.keyPath = keyPath;
    }
}
/** Levenshtein distance, for "did you mean" suggestions. */
function editDistance(a, b) {
    const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        let diag = prev[0];
        prev[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const tmp = prev[j];
            prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
            diag = tmp;
        }
    }
    return prev[b.length];
}
/** The closest candidate within a sensible distance, or undefined. */
function closestMatch(word, candidates) {
    let best;
    let bestDistance = Infinity;
    for (const c of candidates) {
        const d = editDistance(word.toLowerCase(), c.toLowerCase());
        if (d < bestDistance)
            [best, bestDistance] = [c, d];
    }
    // Short words: one edit at most, or "zz" would suggest "id".
    const limit = word.length <= 3 ? 1 : Math.max(2, Math.floor(word.length / 3));
    return bestDistance <= limit ? best : undefined;
}
/** ` (did you mean "x"?)` or an empty string. */
function didYouMean(word, candidates) {
    const m = closestMatch(word, candidates);
    return m ? ` (did you mean "${m}"?)` : '';
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
;// CONCATENATED MODULE: ./src/core/visible.ts
/**
 * PR text cannot command the runner. GitHub treats an output line that starts with `::` as a workflow
 * command, and a terminal obeys ANSI escapes; text taken from data or files (column names, keys, values,
 * file names, a served model's output) is therefore printed with its control characters made visible.
 */

const NAMED = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\x1b': '\\x1b', '\0': '\\0' };
// C0 controls, DEL, C1 controls, the Unicode line/paragraph separators and the bidirectional overrides
// (which can make text read differently from what it is: "Trojan Source").
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;
function escapeOne(c) {
    const named = NAMED[c];
    if (named)
        return named;
    const code = c.charCodeAt(0);
    return code <= 0xff
        ? `\\x${code.toString(16).padStart(2, '0')}`
        : `\\u${code.toString(16).padStart(4, '0')}`;
}
/**
 * `text` with every control character written as an escape (`\n`, `\r`, `\x1b`, `\u202e`, ...), so it
 * stays on one line, cannot start a workflow command and cannot move a terminal's cursor. Backslashes are
 * left alone: the escapes are for people to read, not to be decoded.
 */
function visible(text) {
    return text.replace(CONTROL, escapeOne);
}
/** True when `text` holds a character {@link visible} would escape. */
function hasControl(text) {
    CONTROL.lastIndex = 0;
    const found = CONTROL.test(text);
    CONTROL.lastIndex = 0;
    return found;
}
/**
 * Last line of defence at the runner's stdout and stderr: a line we print that begins (after blanks) with
 * `::` (or the runner's older `##[` form) would be read as a workflow command. Our own commands never
 * pass through here (they go through @actions/core's command functions), so any such line came from
 * foreign text: break it with a zero-width space, which the runner does not parse and a person does not see.
 */
function neutralizeCommands(text) {
    return text.replace(/(^|[\n\r])([ \t]*)(:(?=:)|#(?=#\[))/g, '$1$2$3\u200b');
}
/**
 * Route `console.*` (which engines such as onnxruntime and TF.js use for their warnings, quoting node and
 * layer names from the model a pull request supplied) through {@link visible} and
 * {@link neutralizeCommands}, so that no library can print a runner command on our behalf. Idempotent.
 */
function guardConsole() {
    if (consoleGuarded)
        return;
    consoleGuarded = true;
    const writer = (stream) => (...args) => {
        const lines = format(...args).split(/\r?\n/);
        stream.write(`${lines.map((l) => neutralizeCommands(visible(l))).join('\n')}\n`);
    };
    /* eslint-disable no-console -- replacing console is the point: nothing else may print unfiltered */
    console.log = console.info = console.debug = writer(process.stdout);
    console.warn = console.error = console.trace = writer(process.stderr);
    /* eslint-enable no-console */
}
let consoleGuarded = false;
/**
 * Wrap foreign output (a served model's log lines) so that the runner ignores any workflow command in it:
 * `::stop-commands::TOKEN` … `::TOKEN::`. The token must be unguessable by whoever wrote the output.
 */
function stopCommandsBlock(text, token) {
    return [`::stop-commands::${token}`, ...text.split(/\r?\n|\r/), `::${token}::`];
}

;// CONCATENATED MODULE: ./src/core/confine.ts
/**
 * Nothing escapes its folder. Paths read from files a pull request controls (a TF.js weight manifest, ONNX
 * external data, suites and lint configs that name files) must stay inside a root folder after symlinks
 * are resolved. Callers turn a refusal into a finding or an error naming the path.
 */




function realOrSelf(p) {
    try {
        return (0,external_node_fs_.realpathSync)(p);
    }
    catch {
        return p;
    }
}
/** True when `child` is `root` or below it (both already absolute and normalised). */
function isInside(root, child) {
    const rel = (0,external_node_path_.relative)(root, child);
    return rel === '' || (!rel.startsWith('..' + external_node_path_.sep) && rel !== '..' && !(0,external_node_path_.isAbsolute)(rel));
}
/**
 * Resolve `name` (as written in a file) against `root` and check that it stays inside `root`, both
 * lexically and after symlinks. An absolute name, a `..` walk out of the folder or a symlink that
 * points outside is refused. The file need not exist (a missing file is the reader's to report); for a
 * missing file the deepest existing folder on its path is what is checked.
 */
function confine(root, name) {
    const rootAbs = (0,external_node_path_.resolve)(root);
    if (name.includes('\0'))
        return { ok: false, path: name, reason: 'the path contains a NUL character' };
    if ((0,external_node_path_.isAbsolute)(name))
        return { ok: false, path: name, reason: 'an absolute path is not allowed here' };
    const lexical = (0,external_node_path_.resolve)(rootAbs, name);
    if (!isInside(rootAbs, lexical))
        return { ok: false, path: lexical, reason: `it leads out of ${rootAbs}` };
    const realRoot = realOrSelf(rootAbs);
    // Resolve symlinks of the longest existing prefix, so a missing file below a symlinked folder counts.
    let existing = lexical;
    let rest = '';
    for (;;) {
        try {
            const real = (0,external_node_fs_.realpathSync)(existing);
            const full = rest ? (0,external_node_path_.resolve)(real, rest) : real;
            if (!isInside(realRoot, full))
                return {
                    ok: false,
                    path: lexical,
                    reason: `it resolves through a symbolic link to ${full}, outside ${rootAbs}`,
                };
            return { ok: true, path: lexical };
        }
        catch {
            const parent = (0,external_node_path_.resolve)(existing, '..');
            if (parent === existing)
                return { ok: true, path: lexical };
            rest = rest ? `${(0,external_node_path_.basename)(existing)}${external_node_path_.sep}${rest}` : (0,external_node_path_.basename)(existing);
            existing = parent;
        }
    }
}
/**
 * A path named inside a file (a weight manifest, ONNX external data) that leads out of the folder it must
 * stay in. Checks turn it into a failed sub-check with a finding naming the path; the position is the
 * file that named it.
 */
class OutsideFolderError extends DataFormatError {
    named;
    name = 'OutsideFolderError';
    constructor(position, named, detail) {
        super(position, detail);
        this.named = named;
    }
}
/**
 * {@link confine}, throwing an {@link OutsideFolderError} for a refused name. `where` says where the name
 * was written (`weightsManifest[0].paths[1]`), `file` is the file that wrote it.
 */
function confine_confineNamed(root, name, file, where) {
    const c = confine(root, name);
    if (c.ok)
        return c.path;
    throw new OutsideFolderError({ file }, name, `${where} names "${visible(name)}" outside the model's folder (${c.reason}); a model may only name files inside its folder`);
}
/**
 * The repository a folder belongs to: the nearest folder at or above `dir` holding `.git`, else `dir`.
 * Paths in a configuration file stay inside it.
 */
function repositoryRoot(dir) {
    const start = resolve(dir);
    for (let d = start;; d = resolve(d, '..')) {
        if (existsSync(resolve(d, '.git')))
            return d;
        if (resolve(d, '..') === d)
            return start;
    }
}
/**
 * Why the absolute path `file` escapes `root`, or undefined when it stays inside. `lexical`: a path outside
 * `root` as written is refused too (paths from files a PR controls); otherwise only a symbolic link inside
 * `root` that leads out of it is (a path the user named outside `root` is theirs to name).
 */
function confine_escapesRoot(root, file, lexical) {
    const rootAbs = resolve(root);
    const abs = resolve(rootAbs, file);
    if (!isInside(rootAbs, abs))
        return lexical ? `it is outside ${rootAbs}` : undefined;
    const c = confine(rootAbs, relative(rootAbs, abs) || '.');
    return c.ok ? undefined : c.reason;
}

;// CONCATENATED MODULE: ./src/core/file-guard.ts
/**
 * Outputs never destroy inputs. Every command records the files it reads and claims the files it will
 * write *before* it writes anything; a claim on a file that is an input (the same file by device and
 * inode after symlinks, so symlinks and hard links count) or that another output of the run already
 * claimed is refused with an InputError. Writes are atomic (a temporary file in the same folder, then a
 * rename), so an interrupted run never leaves half a file, and a rename replaces a link rather than
 * writing through it.
 */





/** `dev:ino` of the file a path names after symlinks, or undefined when nothing is there. */
function fileIdentity(path) {
    try {
        const s = statSync(path, { bigint: true });
        return `${s.dev}:${s.ino}`;
    }
    catch {
        return undefined;
    }
}
/** The one-line reason for a file-system error code, in words a user acts on. */
function fsReason(error) {
    const e = error;
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
/**
 * The files one command (or one `model-ci run`) reads and writes. Paths are resolved against `cwd`.
 * Create one per command; steps receive it through their context.
 */
class FileGuard {
    cwd;
    options;
    inputs = new Map(); // resolved path -> label
    inputIds = new Map(); // dev:ino -> resolved path
    outputs = new Map(); // resolved path -> claim
    outputIds = new Map(); // dev:ino -> resolved path
    /**
     * @param cwd relative paths resolve against it
     * @param options.root the repository (or workspace): an input inside it must not lead out of it through
     *   a symbolic link (a pull request can commit a link to `/proc/self/environ` under a data file's name)
     * @param options.shownFrom messages show paths relative to this folder (default `cwd`)
     */
    constructor(cwd = process.cwd(), options = {}) {
        this.cwd = cwd;
        this.options = options;
    }
    /**
     * Record a file the command reads (existing or not: a missing input is the reader's error to report).
     * @throws InputError when the path is inside the root but a symbolic link leads it out
     */
    addInput(path, label = 'input') {
        const p = resolve(this.cwd, path);
        if (this.options.root) {
            const why = escapesRoot(this.options.root, p, false);
            if (why)
                throw new InputError(`${label} ${this.show(p)} leads out of ${this.options.root} (${why}); a link inside the repository may not point outside it — name the outside file directly to read it`);
        }
        if (!this.inputs.has(p))
            this.inputs.set(p, label);
        const id = fileIdentity(p);
        if (id && !this.inputIds.has(id))
            this.inputIds.set(id, p);
    }
    addInputs(paths, label = 'input') {
        for (const p of paths)
            this.addInput(p, label);
    }
    /** Every recorded input, resolved. */
    inputPaths() {
        return [...this.inputs.keys()];
    }
    /**
     * Reserve `path` as an output of this command. Throws an InputError when it is one of the inputs (same
     * path, or the same file through a symlink or hard link), another output's path, or a folder.
     */
    claimOutput(path, what) {
        const p = resolve(this.cwd, path);
        const shown = this.show(p);
        const id = fileIdentity(p);
        const input = this.inputs.has(p) ? p : id ? this.inputIds.get(id) : undefined;
        if (input !== undefined) {
            const same = input === p ? '' : ` (the same file as ${this.show(input)}, through a link)`;
            throw new InputError(`${what} ${shown} is one of the input files${same}; choose another path so the input is not overwritten`);
        }
        const other = this.outputs.get(p) ?? (id ? this.outputs.get(this.outputIds.get(id) ?? '') : undefined);
        if (other && other.what !== what)
            throw new InputError(`${what} ${shown} is also the path of ${other.what}; give each output its own file`);
        if (other)
            throw new InputError(`${what} ${shown} is written twice in this run; give each output its own file`);
        try {
            if (statSync(p).isDirectory())
                throw new InputError(`cannot write ${what} to ${shown}: it is a folder, not a file`);
        }
        catch (e) {
            if (e instanceof InputError)
                throw e;
        }
        probeWritable(p, what, shown);
        this.outputs.set(p, { path: p, what });
        if (id)
            this.outputIds.set(id, p);
        return p;
    }
    /** Claim (if not yet claimed) and write `content` atomically. */
    write(path, content, what) {
        const p = resolve(this.cwd, path);
        const claim = this.outputs.get(p);
        if (!claim)
            this.claimOutput(p, what);
        else
            this.recheck(p, claim.what);
        writeAtomic(p, content, claim?.what ?? what, this.show(p));
        return p;
    }
    /** A path for messages: relative to the command's working folder when inside it, else absolute. */
    show(p) {
        const rel = relative(this.options.shownFrom ?? this.cwd, p);
        return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : p;
    }
    /** Between claim and write an input may have been created at the path (or linked there): look again. */
    recheck(p, what) {
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
function probeWritable(path, what, shown) {
    let dir = dirname(path);
    for (;;) {
        let isDir;
        try {
            isDir = statSync(dir).isDirectory();
        }
        catch (e) {
            const code = e.code;
            if (code === 'ENOENT') {
                const parent = dirname(dir);
                if (parent === dir)
                    return;
                dir = parent;
                continue;
            }
            throw new InputError(`cannot write ${what} to ${shown}: ${fsReason(e)}`);
        }
        if (!isDir)
            throw new InputError(`cannot write ${what} to ${shown}: a file stands where a folder must be`);
        try {
            accessSync(dir, constants.W_OK | constants.X_OK);
        }
        catch (e) {
            throw new InputError(`cannot write ${what} to ${shown}: ${fsReason(e)}`);
        }
        return;
    }
}
/**
 * Write a file atomically: a temporary file in the same folder, flushed, then renamed over `path`.
 * Missing folders are created. Failures are InputErrors saying what could not be written and why.
 */
function writeAtomic(path, content, what = 'output', shown = path) {
    const dir = dirname(path);
    try {
        mkdirSync(dir, { recursive: true });
    }
    catch (e) {
        throw new InputError(`cannot write ${what} to ${shown}: ${fsReason(e)} (creating its folder)`);
    }
    try {
        if (lstatSync(path).isDirectory())
            throw new InputError(`cannot write ${what} to ${shown}: it is a folder, not a file`);
    }
    catch (e) {
        if (e instanceof InputError)
            throw e;
    }
    const tmp = join(dir, `.${basename(path).slice(0, 100)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    let fd;
    try {
        fd = openSync(tmp, 'wx', 0o644);
        const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
        for (let off = 0; off < bytes.length;)
            off += writeSync(fd, bytes, off, bytes.length - off);
        fsyncSync(fd);
        closeSync(fd);
        fd = undefined;
        renameSync(tmp, path);
    }
    catch (e) {
        if (fd !== undefined) {
            try {
                closeSync(fd);
            }
            catch {
                /* already failing */
            }
        }
        try {
            unlinkSync(tmp);
        }
        catch {
            /* the temporary file may not exist */
        }
        throw new InputError(`cannot write ${what} to ${shown}: ${fsReason(e)}`);
    }
}

;// CONCATENATED MODULE: ./src/core/read-input.ts
/**
 * Reading the files a command is given without ever hanging and without an engine's raw message.
 *
 * Every input is opened non-blocking: opening a FIFO blocks until a writer appears, so a plain `open` of a
 * named pipe that nobody writes to would hang the step forever. Opened non-blocking, a FIFO without a
 * writer reads as an empty input at once; a FIFO or pipe with a writer is read as a stream until the
 * writer closes it. Devices are refused (`/dev/zero` never ends, a terminal waits for a person), except
 * ones that are empty at once (`/dev/null`). Documents are bounded in size, since a JSON or YAML text has
 * to fit into one string.
 */



/** The largest JSON or YAML document (configuration, suite, rules, model.json, golden file...) read. */
const MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;
/**
 * The most model bytes (model.json's shards together, an ONNX file and its external data) read: ONNX's
 * protobuf and the WebAssembly runtimes' 32-bit memory cannot hold more.
 */
const read_input_MAX_MODEL_BYTES = 2 * 1024 * 1024 * 1024;
/** How a path that is not a plain file is described in messages. */
function fileKind(stats) {
    if (stats.isDirectory())
        return 'a folder';
    if (stats.isFIFO())
        return 'a named pipe';
    if (stats.isSocket())
        return 'a socket';
    if (stats.isCharacterDevice())
        return 'a character device';
    if (stats.isBlockDevice())
        return 'a block device';
    return 'not a regular file';
}
/** A one-line InputError for a failed open or read of an input. */
function readError(error, what, shown) {
    const code = error?.code;
    if (code === 'ENOENT')
        return new errors_InputError(`${what} not found: ${shown}`);
    if (code === 'ENXIO')
        return new errors_InputError(`cannot read ${what} ${shown}: it is a socket or a device nothing answers, not a file`);
    return new errors_InputError(`cannot read ${what} ${shown}: ${fsReason(error)}`);
}
/** Open `file` read-only and non-blocking; errors are InputErrors naming the file. */
function openInput(file, what = 'file', shown = file) {
    let fd;
    try {
        fd = (0,external_node_fs_.openSync)(file, external_node_fs_.constants.O_RDONLY | external_node_fs_.constants.O_NONBLOCK | external_node_fs_.constants.O_NOCTTY);
    }
    catch (e) {
        throw readError(e, what, shown);
    }
    try {
        return { fd, stats: (0,external_node_fs_.fstatSync)(fd) };
    }
    catch (e) {
        (0,external_node_fs_.closeSync)(fd);
        throw readError(e, what, shown);
    }
}
const sleeper = new Int32Array(new SharedArrayBuffer(4));
/** Block this thread for `ms` milliseconds (a synchronous reader waiting for a pipe's writer). */
function sleepSync(ms) {
    Atomics.wait(sleeper, 0, 0, ms);
}
function mib(bytes) {
    return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(0)} MiB` : `${bytes} bytes`;
}
function tooLarge(what, shown, max, size) {
    const is = size === undefined ? 'it holds' : `it is ${mib(size)},`;
    return new errors_InputError(`cannot read ${what} ${shown}: ${is} more than the limit of ${mib(max)}`);
}
/**
 * The bytes of an input file, read as {@link readInputText} describes.
 * @throws InputError for a missing or unreadable path, a folder, a device, or a file above `maxBytes`
 */
function read_input_readInputBytes(file, options = {}) {
    const what = options.what ?? 'file';
    const shown = options.shown ?? file;
    const max = options.maxBytes ?? MAX_DOCUMENT_BYTES;
    const { fd, stats } = openInput(file, what, shown);
    try {
        if (stats.isDirectory())
            throw new errors_InputError(`cannot read ${what} ${shown}: it is a folder, not a file`);
        if (stats.isBlockDevice())
            throw new errors_InputError(`cannot read ${what} ${shown}: it is ${fileKind(stats)}, not a file`);
        if (stats.isFile() && stats.size > max)
            throw tooLarge(what, shown, max, stats.size);
        const device = stats.isCharacterDevice();
        const chunks = [];
        let total = 0;
        let wait = 1;
        for (;;) {
            const chunk = Buffer.allocUnsafe(stats.isFile() ? Math.min(max + 1, Math.max(stats.size + 1, 1)) : 65536);
            let n;
            try {
                n = (0,external_node_fs_.readSync)(fd, chunk, 0, chunk.length, null);
            }
            catch (e) {
                const code = e.code;
                // EAGAIN: a pipe whose writer has not written yet. A device that has nothing now is a terminal.
                if (code === 'EAGAIN' && !device) {
                    sleepSync(wait);
                    wait = Math.min(50, wait * 2);
                    continue;
                }
                if (code === 'EAGAIN' || device)
                    throw new errors_InputError(`cannot read ${what} ${shown}: it is ${fileKind(stats)}, not a file`);
                throw readError(e, what, shown);
            }
            if (n === 0)
                break;
            // A device that yields bytes (`/dev/zero`, `/dev/urandom`) may never end: only an empty one is read.
            if (device)
                throw new errors_InputError(`cannot read ${what} ${shown}: it is ${fileKind(stats)}, not a file`);
            wait = 1;
            total += n;
            if (total > max)
                throw tooLarge(what, shown, max);
            chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
        }
        return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}
/**
 * The text (UTF-8) of an input file. Regular files are read whole; a FIFO or pipe is read until its writer
 * closes it, and one without a writer is empty at once; devices other than empty ones are refused.
 * @throws InputError naming the file for anything that cannot be read as text
 */
function read_input_readInputText(file, options = {}) {
    return read_input_readInputBytes(file, options).toString('utf8');
}

;// CONCATENATED MODULE: ./src/model/model-file.ts





function statOrNull(path) {
    try {
        return (0,external_node_fs_.statSync)(path);
    }
    catch {
        return undefined;
    }
}
/**
 * The model file behind a path: a `.onnx` file, a TF.js `model.json`, or a directory holding `model.json` or
 * exactly one `.onnx` file. Other files are sniffed: a leading `{` means TF.js JSON, anything else ONNX.
 * A FIFO or a device is refused by name (opening one could wait forever or never end).
 * @throws InputError when the path does not exist, is not a file or folder (a pipe, a device), or a
 *   directory holds no recognisable model
 */
function resolveModelFile(path) {
    const stats = statOrNull(path);
    if (!stats)
        throw new errors_InputError(`model: "${path}" does not exist (expected model.json, a .onnx file or a folder with one)`);
    if (stats.isDirectory()) {
        if (statOrNull((0,external_node_path_.join)(path, 'model.json')))
            return { file: (0,external_node_path_.join)(path, 'model.json'), kind: 'tfjs' };
        let names;
        try {
            names = (0,external_node_fs_.readdirSync)(path);
        }
        catch (e) {
            throw new errors_InputError(`model: cannot list "${path}": ${e.code ?? e}`);
        }
        const onnx = names.filter((f) => f.endsWith('.onnx'));
        if (onnx.length === 1)
            return { file: (0,external_node_path_.join)(path, onnx[0]), kind: 'onnx' };
        throw new errors_InputError(onnx.length > 1
            ? `model: "${path}" holds ${onnx.length} .onnx files (${onnx.slice(0, 5).map(visible).join(', ')}${onnx.length > 5 ? ', …' : ''}); name one`
            : `model: "${path}" holds neither model.json nor a .onnx file`);
    }
    if (!stats.isFile())
        throw new errors_InputError(`model: "${path}" is ${fileKind(stats)}; expected model.json or a .onnx file`);
    const ext = (0,external_node_path_.extname)(path).toLowerCase();
    if (ext === '.onnx' || ext === '.ort')
        return { file: path, kind: 'onnx' };
    if (ext === '.json')
        return { file: path, kind: 'tfjs' };
    const { fd } = openInput(path, 'model');
    try {
        const head = Buffer.alloc(64);
        let n = 0;
        try {
            n = (0,external_node_fs_.readSync)(fd, head, 0, 64, 0);
        }
        catch {
            // unreadable: loading it reports why
        }
        return {
            file: path,
            kind: head.subarray(0, n).toString('utf8').trimStart().startsWith('{') ? 'tfjs' : 'onnx',
        };
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}

;// CONCATENATED MODULE: ./src/model/onnx-external-data.ts
/**
 * ONNX "external data": a tensor whose bytes live in another file, named by a `location` relative to the
 * model's folder (onnx.proto, TensorProto.external_data). The runtime would open whatever the model names,
 * so the names are read here first — with a small protobuf walk over the messages that can hold tensors —
 * and each must stay inside the model's folder before any of them is read.
 */
const CHILDREN = {
    model: { 7: 'graph', 25: 'function' },
    graph: { 1: 'node', 5: 'tensor', 15: 'sparse' },
    function: { 7: 'node' },
    node: { 5: 'attribute' },
    attribute: { 5: 'tensor', 6: 'graph', 10: 'tensor', 11: 'graph', 22: 'sparse', 23: 'sparse' },
    sparse: { 1: 'tensor', 2: 'tensor' },
};
const TENSOR_NAME = 8;
const TENSOR_EXTERNAL_DATA = 13;
class Malformed extends Error {
}
function varint(b, at, end) {
    let result = 0;
    let scale = 1;
    for (let k = 0; k < 10; k++) {
        if (at.i >= end)
            throw new Malformed();
        const byte = b[at.i++];
        result += (byte & 0x7f) * scale;
        if (byte < 0x80)
            return result;
        scale *= 128;
    }
    throw new Malformed();
}
/** Calls `onField(field, start, end)` for each length-delimited field of the message in [start, end). */
function fields(b, start, end, onField) {
    const at = { i: start };
    while (at.i < end) {
        const key = varint(b, at, end);
        const field = Math.floor(key / 8);
        switch (key & 7) {
            case 0:
                varint(b, at, end);
                break;
            case 1:
                at.i += 8;
                break;
            case 5:
                at.i += 4;
                break;
            case 2: {
                const len = varint(b, at, end);
                if (at.i + len > end)
                    throw new Malformed();
                onField(field, at.i, at.i + len);
                at.i += len;
                break;
            }
            default:
                throw new Malformed(); // groups are not used by ONNX
        }
        if (at.i > end)
            throw new Malformed();
    }
}
const utf8 = new TextDecoder('utf-8');
/**
 * Every external-data reference of an ONNX model (initializers, sparse initializers, tensors in node
 * attributes, subgraphs and functions). Bytes that are not a valid protobuf give an empty list: loading
 * the model then reports what is wrong with it. Iterative, so a deeply nested model cannot exhaust the stack.
 */
function onnx_external_data_onnxExternalData(bytes) {
    const refs = [];
    const stack = [['model', 0, bytes.length]];
    try {
        while (stack.length) {
            const [kind, start, end] = stack.pop();
            if (kind === 'tensor') {
                let name = '';
                let location;
                fields(bytes, start, end, (f, s, e) => {
                    if (f === TENSOR_NAME)
                        name = utf8.decode(bytes.subarray(s, e));
                    else if (f === TENSOR_EXTERNAL_DATA) {
                        let key = '';
                        let value = '';
                        fields(bytes, s, e, (kf, ks, ke) => {
                            if (kf === 1)
                                key = utf8.decode(bytes.subarray(ks, ke));
                            else if (kf === 2)
                                value = utf8.decode(bytes.subarray(ks, ke));
                        });
                        if (key === 'location')
                            location = value;
                    }
                });
                if (location !== undefined)
                    refs.push({ tensor: name, location });
                continue;
            }
            const children = CHILDREN[kind];
            fields(bytes, start, end, (f, s, e) => {
                const child = children[f];
                if (child)
                    stack.push([child, s, e]);
            });
        }
    }
    catch (e) {
        if (e instanceof Malformed)
            return [];
        throw e;
    }
    return refs;
}

// EXTERNAL MODULE: external "node:module"
var external_node_module_ = __webpack_require__(8995);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
;// CONCATENATED MODULE: ./src/model/bundle-assets.ts
/** tfjs-backend-wasm binaries used under Node (SIMD, and plain for CPUs without SIMD; Node never uses threads). */
const TFJS_WASM_FILES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm'];
/** onnxruntime-web's wasm build: the Emscripten glue module and its binary (≈ 14 MB). */
const ORT_WASM_FILES = ['ort-wasm-simd-threaded.mjs', 'ort-wasm-simd-threaded.wasm'];
/** The dist/ folder that holds the binaries. */
const BUNDLE_ASSET_DIR = 'smoke';
const BUNDLE_ASSETS = [
    ...TFJS_WASM_FILES.map((f) => ({
        from: `node_modules/@tensorflow/tfjs-backend-wasm/dist/${f}`,
        to: `${BUNDLE_ASSET_DIR}/${f}`,
    })),
    ...ORT_WASM_FILES.map((f) => ({
        from: `node_modules/onnxruntime-web/dist/${f}`,
        to: `${BUNDLE_ASSET_DIR}/${f}`,
    })),
];

;// CONCATENATED MODULE: ./src/model/runtime-paths.ts
/**
 * Where the WebAssembly runtimes' files are, and how to reach the optional native runtimes in the user's
 * workspace. Works both from source (files under node_modules) and from an ncc bundle (files copied next to
 * the bundle by scripts/build.mjs, see bundle-assets.ts).
 */





/** The directory of the running module: the bundle's folder when bundled, src/model from source. */
function moduleDir() {
    return (0,external_node_path_.dirname)((0,external_node_url_.fileURLToPath)(import.meta.url));
}
/** `dir` and its ancestors, nearest first. */
function ancestors(dir) {
    const out = [];
    let d = dir;
    const root = (0,external_node_path_.parse)(d).root;
    for (;;) {
        out.push(d);
        if (d === root)
            return out;
        d = (0,external_node_path_.dirname)(d);
    }
}
/** The first directory among `candidates` that holds every one of `files`. */
function firstDirWith(candidates, files) {
    return candidates.find((d) => files.every((f) => (0,external_node_fs_.existsSync)((0,external_node_path_.join)(d, f))));
}
/**
 * Candidate directories for a package's `dist`: next to the module (the bundle), the sibling dist/smoke
 * bundle, then node_modules upwards from the module and from the cwd.
 */
function candidates(packageDist, from) {
    const out = [moduleDir(), (0,external_node_path_.join)(moduleDir(), '..', BUNDLE_ASSET_DIR)];
    for (const start of from)
        for (const d of ancestors(start))
            out.push((0,external_node_path_.join)(d, 'node_modules', packageDist));
    return [...new Set(out)];
}
/**
 * Directory holding the tfjs-backend-wasm binaries: next to the running bundle when they were copied there
 * (or in the sibling dist/smoke), else `node_modules/@tensorflow/tfjs-backend-wasm/dist` found upwards from
 * this module or the cwd.
 * @returns the directory, or undefined when no copy is found
 */
function findTfjsWasmDir(from = [moduleDir(), process.cwd()]) {
    return firstDirWith(candidates('@tensorflow/tfjs-backend-wasm/dist', from), TFJS_WASM_FILES);
}
/** Directory holding onnxruntime-web's `ort-wasm-simd-threaded.{mjs,wasm}`, found like {@link findTfjsWasmDir}. */
function findOrtWasmDir(from = [moduleDir(), process.cwd()]) {
    return firstDirWith(candidates('onnxruntime-web/dist', from), ORT_WASM_FILES);
}
/** Default directories searched for optional native runtimes: GITHUB_WORKSPACE, then the current directory. */
function defaultWorkspaceDirs(env = process.env) {
    const dirs = [env.GITHUB_WORKSPACE, process.cwd()].filter((d) => !!d);
    return [...new Set(dirs)];
}
/**
 * Resolve a package from the user's workspace (never from model-ci's own bundle), e.g. `onnxruntime-node`.
 * @returns the resolved entry file, or undefined when the package is not installed there
 */
function resolveFromWorkspace(pkg, dirs) {
    for (const dir of dirs) {
        try {
            return (0,external_node_module_.createRequire)((0,external_node_path_.join)(dir, 'package.json')).resolve(pkg);
        }
        catch {
            // not installed in this directory; try the next
        }
    }
    return undefined;
}
/** `require` a file resolved by {@link resolveFromWorkspace} (native runtimes ship CommonJS). */
function requireFile(file) {
    return (0,external_node_module_.createRequire)(file)(file);
}
/**
 * The tfjs wasm backend's Emscripten loader reads `__dirname`, which an ESM bundle does not define; without it
 * the backend quietly fails to initialise. Define it (once) as the bundle's folder.
 */
function ensureDirnameGlobal(dir = moduleDir()) {
    const g = globalThis;
    if (typeof g.__dirname === 'undefined')
        g.__dirname = dir;
}

;// CONCATENATED MODULE: ./src/model/onnx-model.ts
/**
 * ONNX models on ONNX Runtime: `onnxruntime-node` when the user's workspace has it (never bundled), else
 * onnxruntime-web's WebAssembly build, single-threaded (no worker threads to leak or to hang the process).
 */






let webApi;
let nodeApi;
async function loadWeb() {
    webApi ??= (async () => {
        const dir = findOrtWasmDir();
        if (!dir) {
            throw new Error('onnxruntime-web binaries (ort-wasm-simd-threaded.{mjs,wasm}) are neither next to the bundle nor in node_modules');
        }
        const ort = await __webpack_require__.e(/* import() */ 601).then(__webpack_require__.bind(__webpack_require__, 3601));
        // One thread: the threaded build would start workers (and needs cross-origin isolation in browsers).
        ort.env.wasm.numThreads = 1;
        ort.env.wasm.proxy = false;
        ort.env.wasm.wasmPaths = dir.endsWith('/') ? dir : `${dir}/`;
        ort.env.logLevel = 'error';
        return {
            ort,
            backend: 'onnxruntime-web',
            runtime: `onnxruntime-web ${ort.env.versions.web ?? ''}`.trim(),
            executionProviders: ['wasm'],
        };
    })();
    try {
        return await webApi;
    }
    catch (err) {
        webApi = undefined;
        throw err;
    }
}
function loadNode(dirs) {
    if (nodeApi)
        return nodeApi;
    const entry = resolveFromWorkspace('onnxruntime-node', dirs);
    if (!entry)
        return undefined;
    const ort = requireFile(entry);
    const version = ort.env?.versions?.node ?? '';
    nodeApi = {
        ort,
        backend: 'onnxruntime-node',
        runtime: `onnxruntime-node ${version}`.trim(),
        executionProviders: ['cpu'],
    };
    return nodeApi;
}
/**
 * Pick an ONNX Runtime.
 * @param request `auto` prefers a workspace's onnxruntime-node; `wasm`, `cpu` and `onnxruntime-web` mean the web build
 * @throws InputError for `tfjs-node`, or for `onnxruntime-node` when it is not installed
 */
async function selectOrt(request, dirs) {
    if (request === 'tfjs-node') {
        throw new errors_InputError('backend "tfjs-node" runs TF.js models only; ONNX models take auto, onnxruntime-node, onnxruntime-web (wasm) or cpu');
    }
    if (request === 'auto' || request === 'onnxruntime-node') {
        const api = loadNode(dirs);
        if (api)
            return api;
        if (request === 'onnxruntime-node') {
            throw new errors_InputError(`backend "onnxruntime-node" requested, but onnxruntime-node is not installed in ${dirs.join(' or ')}`);
        }
    }
    return loadWeb();
}
function specOf(name, meta) {
    if (!meta || meta.isTensor === false || !meta.shape)
        return { name, dtype: meta?.type ?? 'unknown', shape: null };
    const shape = meta.shape.map((d) => (typeof d === 'number' && d >= 0 ? d : -1));
    const spec = { name, dtype: meta.type ?? 'unknown', shape };
    if (meta.shape.some((d) => typeof d === 'string'))
        spec.dimNames = meta.shape.map((d) => (typeof d === 'string' ? d : null));
    return spec;
}
function copyData(t) {
    const data = t.data;
    // Copy out of the runtime's memory: the tensor is released right after.
    return (Array.isArray(data) ? [...data] : data.slice());
}
/**
 * The external data files an ONNX model names, resolved against its folder; each must stay inside it.
 * @throws OutsideFolderError for a location outside the model's folder
 */
function onnxExternalDataFiles(file, bytes) {
    const dir = (0,external_node_path_.dirname)(file);
    const seen = new Map();
    for (const ref of onnx_external_data_onnxExternalData(bytes)) {
        if (seen.has(ref.location))
            continue;
        seen.set(ref.location, confine_confineNamed(dir, ref.location, file, `external data of tensor "${ref.tensor}"`));
    }
    return [...seen].map(([location, path]) => ({ location, path }));
}
/** The external data files of the ONNX model at `file` (inside its folder), for recording inputs. */
function onnxInputFiles(file) {
    try {
        const dir = dirname(file);
        return onnxExternalData(readInputBytes(file, { what: 'ONNX model', maxBytes: MAX_MODEL_BYTES })).flatMap((ref) => {
            try {
                return [confineNamed(dir, ref.location, file, 'external data')];
            }
            catch {
                return [];
            }
        });
    }
    catch {
        return [];
    }
}
/** onnxruntime's message without its C++ source location and error codes. */
function ortReason(err) {
    const raw = (err?.message ?? String(err)).replace(/\s+/g, ' ').trim();
    const m = /\[ONNXRuntimeError\] : \d+ : \w+ : (.*)$/.exec(raw);
    return (m ? m[1] : raw.replace(/^Can't create a session\. ERROR_CODE: \d+, ERROR_MESSAGE: /, '')).slice(0, 300);
}
/**
 * Load an ONNX model file (and its external data, which must be inside the model's folder).
 * @throws DataFormatError when the file is not an ONNX model (onnxruntime's reason quoted);
 *   OutsideFolderError when external data is named outside the model's folder
 */
async function loadOnnxModel(file, options = {}) {
    const bytes = read_input_readInputBytes(file, { what: 'ONNX model', maxBytes: read_input_MAX_MODEL_BYTES });
    // Every external data location is checked before the runtime sees the model.
    const external = onnxExternalDataFiles(file, bytes);
    const api = await selectOrt(options.backend ?? 'auto', options.workspaceDirs ?? defaultWorkspaceDirs());
    const { ort } = api;
    let left = read_input_MAX_MODEL_BYTES - bytes.length;
    const externalData = external.map(({ location, path }) => {
        let data;
        try {
            data = read_input_readInputBytes(path, { what: 'ONNX external data file', maxBytes: Math.max(0, left) });
        }
        catch (e) {
            if (!(e instanceof errors_InputError))
                throw e;
            throw new DataFormatError({ file: path }, /not found/.test(e.message) ? `external data file is missing (named by ${file})` : e.message);
        }
        left -= data.length;
        return { path: location, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
    });
    let session;
    try {
        const sessionOptions = {
            executionProviders: api.executionProviders,
            graphOptimizationLevel: 'all',
            intraOpNumThreads: 1,
            interOpNumThreads: 1,
        };
        // The native runtime resolves external data against the model's folder when given the path (the
        // locations were confined above); the WebAssembly one only sees the bytes handed to it.
        session =
            api.backend === 'onnxruntime-node' && externalData.length
                ? await ort.InferenceSession.create(file, sessionOptions)
                : await ort.InferenceSession.create(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
                    ...sessionOptions,
                    ...(externalData.length ? { externalData } : {}),
                });
    }
    catch (err) {
        throw new DataFormatError({ file }, `not a loadable ONNX model (${ortReason(err)})`);
    }
    const inMeta = session.inputMetadata ?? [];
    const outMeta = session.outputMetadata ?? [];
    const signature = {
        inputs: session.inputNames.map((n) => specOf(n, inMeta.find((m) => m.name === n))),
        outputs: session.outputNames.map((n) => specOf(n, outMeta.find((m) => m.name === n))),
    };
    return {
        format: 'onnx',
        backend: api.backend,
        runtime: api.runtime,
        signature,
        file,
        async run(inputs) {
            const feeds = {};
            for (const s of signature.inputs) {
                const t = inputs[s.name];
                try {
                    feeds[s.name] = new ort.Tensor(t.dtype, t.data, t.shape);
                }
                catch (err) {
                    throw new errors_InputError(`input "${s.name}": ${err.message}`);
                }
            }
            const results = await session.run(feeds);
            const out = {};
            for (const name of session.outputNames) {
                const t = results[name];
                out[name] = { dtype: t.type, shape: [...t.dims], data: copyData(t) };
                t.dispose?.();
            }
            return out;
        },
        async dispose() {
            await session.release();
        },
    };
}
/** For tests: forget a cached onnxruntime-node module. */
function resetOrtNodeCache() {
    nodeApi = undefined;
}

;// CONCATENATED MODULE: ./src/core/json-syntax.ts
/** The first syntax problem in `text`, or undefined when it is valid JSON. */
function findJsonSyntaxError(text) {
    let i = 0;
    const fail = (message) => {
        throw { offset: i, message };
    };
    const describe = () => i >= text.length ? 'unexpected end of input' : `unexpected ${JSON.stringify(text[i])}`;
    const ws = () => {
        while (i < text.length && ' \t\n\r'.includes(text[i]))
            i++;
    };
    const literal = (word) => {
        for (const ch of word) {
            if (text[i] !== ch)
                fail(`${describe()} (expected ${word})`);
            i++;
        }
    };
    const string = () => {
        i++; // opening quote
        for (;;) {
            if (i >= text.length)
                fail('unterminated string');
            const c = text.charCodeAt(i);
            if (c === 34) {
                i++;
                return;
            }
            if (c < 0x20)
                fail('control character in string');
            if (c === 92) {
                i++;
                const e = text[i];
                if (e === 'u') {
                    if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5)))
                        fail('bad \\u escape');
                    i += 5;
                }
                else if (e !== undefined && '"\\/bfnrt'.includes(e))
                    i++;
                else
                    fail('bad escape in string');
            }
            else
                i++;
        }
    };
    const number = () => {
        const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
        if (!m || m[0] === '-' || m[0] === '')
            fail(`${describe()} (expected a value)`);
        i += m[0].length;
    };
    const value = () => {
        ws();
        const c = text[i];
        if (c === '{') {
            i++;
            ws();
            if (text[i] === '}') {
                i++;
                return;
            }
            for (;;) {
                ws();
                if (text[i] !== '"')
                    fail(`${describe()} (expected a property name in double quotes)`);
                string();
                ws();
                if (text[i] !== ':')
                    fail(`${describe()} (expected ':')`);
                i++;
                value();
                ws();
                if (text[i] === ',') {
                    i++;
                    continue;
                }
                if (text[i] === '}') {
                    i++;
                    return;
                }
                fail(`${describe()} (expected ',' or '}')`);
            }
        }
        else if (c === '[') {
            i++;
            ws();
            if (text[i] === ']') {
                i++;
                return;
            }
            for (;;) {
                value();
                ws();
                if (text[i] === ',') {
                    i++;
                    continue;
                }
                if (text[i] === ']') {
                    i++;
                    return;
                }
                fail(`${describe()} (expected ',' or ']')`);
            }
        }
        else if (c === '"')
            string();
        else if (c === 't')
            literal('true');
        else if (c === 'f')
            literal('false');
        else if (c === 'n')
            literal('null');
        else
            number();
    };
    try {
        if (text.charCodeAt(0) === 0xfeff)
            i = 1;
        value();
        ws();
        if (i < text.length)
            fail(`${describe()} after the JSON value`);
        return undefined;
    }
    catch (e) {
        if (typeof e === 'object' && e !== null && 'offset' in e)
            return e;
        throw e;
    }
}

;// CONCATENATED MODULE: ./src/core/nesting.ts
/**
 * Documents nested deeper than a stated limit are refused before they are parsed, so a hostile file
 * cannot exhaust the stack (V8's JSON.parse and the YAML parser both recurse).
 */
/** The deepest nesting of arrays and objects any JSON or YAML document may have. */
const MAX_NESTING = 1000;
/**
 * Offset of the first `[` or `{` that opens level `limit + 1` in a JSON text (strings skipped), or -1.
 * O(n), no allocation.
 */
function jsonTooDeepAt(text, limit = MAX_NESTING) {
    let depth = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 34 /* " */) {
            for (i++; i < text.length; i++) {
                const d = text.charCodeAt(i);
                if (d === 92 /* \ */)
                    i++;
                else if (d === 34)
                    break;
            }
        }
        else if (c === 91 /* [ */ || c === 123 /* { */) {
            if (++depth > limit)
                return i;
        }
        else if (c === 93 /* ] */ || c === 125 /* } */)
            depth--;
    }
    return -1;
}
/**
 * Offset of the first flow or block collection opening level `limit + 1` in a YAML text, estimated from
 * flow brackets and indentation, or -1. Used before parsing; the parsed document is checked again.
 */
function yamlTooDeepAt(text, limit = MAX_NESTING) {
    // Flow collections (`[[[[...`, JSON) are the cheap way to nest deeply; count them outside quotes.
    let depth = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 35 /* # */ && (i === 0 || /\s/.test(text[i - 1]))) {
            while (i < text.length && text.charCodeAt(i) !== 10)
                i++;
        }
        else if (c === 34 /* " */ || c === 39 /* ' */) {
            for (i++; i < text.length; i++) {
                const d = text.charCodeAt(i);
                if (c === 34 && d === 92)
                    i++;
                else if (d === c)
                    break;
            }
        }
        else if (c === 91 || c === 123) {
            if (++depth > limit)
                return i;
        }
        else if (c === 93 || c === 125)
            depth = Math.max(0, depth - 1);
    }
    return -1;
}

;// CONCATENATED MODULE: ./src/core/json-file.ts




/** Line and column (1-based) of a character offset in `text`. */
function lineColumn(text, offset) {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < offset && i < text.length; i++) {
        if (text.charCodeAt(i) === 10) {
            line++;
            lineStart = i + 1;
        }
    }
    return { line, column: offset - lineStart + 1 };
}
/**
 * Parse JSON text; on a syntax error throw DataFormatError with the 1-based line and column of the
 * first bad character (V8's own messages do not always carry a position). `prefix` starts the message,
 * e.g. `not valid TF.js model.json`.
 */
function json_file_parseJsonText(text, file, prefix = 'invalid JSON') {
    const deep = jsonTooDeepAt(text);
    if (deep >= 0)
        throw new DataFormatError({ file, ...lineColumn(text, deep) }, `${prefix}: nested deeper than ${MAX_NESTING} levels (the limit for any JSON document)`);
    try {
        return JSON.parse(text);
    }
    catch (err) {
        const problem = findJsonSyntaxError(text);
        if (!problem)
            throw err;
        throw new DataFormatError({ file, ...lineColumn(text, problem.offset) }, `${prefix}: ${problem.message}`);
    }
}
/**
 * Read a JSON file (missing or unreadable file -> InputError; syntax error -> DataFormatError with
 * line/column). Pipes and special files never hang ({@link readInputText}).
 */
function readJsonFile(file, what = 'file') {
    const text = readInputText(file, { what });
    return json_file_parseJsonText(text.replace(/^\uFEFF/, ''), file);
}

;// CONCATENATED MODULE: ./src/model/tensor.ts


/** Number of elements of a shape (1 for a scalar). */
function elementCount(shape) {
    return shape.reduce((a, b) => a * b, 1);
}
/** `[-1,13]`: a shape as the error messages print it (no spaces, -1 for a dynamic axis). */
function formatShape(shape) {
    return shape === null ? '[?]' : `[${shape.join(',')}]`;
}
/** Bytes per element for fixed-width dtypes; undefined for strings. */
function bytesPerElement(dtype) {
    switch (dtype) {
        case 'float64':
        case 'int64':
        case 'uint64':
        case 'complex64':
            return 8;
        case 'float32':
        case 'int32':
        case 'uint32':
            return 4;
        case 'float16':
        case 'int16':
        case 'uint16':
            return 2;
        case 'int8':
        case 'uint8':
        case 'bool':
            return 1;
        default:
            return undefined;
    }
}
/** A zero-filled typed array (or string array) for `n` elements of `dtype`. */
function allocate(dtype, n) {
    switch (dtype) {
        case 'float32':
            return new Float32Array(n);
        case 'float64':
            return new Float64Array(n);
        case 'int8':
            return new Int8Array(n);
        case 'uint8':
        case 'bool':
            return new Uint8Array(n);
        case 'int16':
            return new Int16Array(n);
        case 'uint16':
        case 'float16':
            return new Uint16Array(n);
        case 'int32':
            return new Int32Array(n);
        case 'uint32':
            return new Uint32Array(n);
        case 'int64':
            return new BigInt64Array(n);
        case 'uint64':
            return new BigUint64Array(n);
        case 'string':
            return new Array(n).fill('');
        default:
            throw new errors_InputError(`tensors of dtype "${visible(String(dtype))}" are not supported`);
    }
}
/** Fill a tensor of `dtype` from plain numbers (rounding and clamping follow the typed array's rules). */
function fromNumbers(dtype, shape, values) {
    const data = allocate(dtype, values.length);
    if (data instanceof BigInt64Array || data instanceof BigUint64Array) {
        for (let i = 0; i < values.length; i++)
            data[i] = BigInt(Math.trunc(values[i]));
    }
    else if (Array.isArray(data)) {
        for (let i = 0; i < values.length; i++)
            data[i] = String(values[i]);
    }
    else {
        for (let i = 0; i < values.length; i++)
            data[i] = values[i];
    }
    return { dtype, shape, data };
}
/** Tensor values as doubles (bigints converted, strings parsed; unparsable strings become NaN). */
function toNumbers(t) {
    const out = new Array(t.data.length);
    for (let i = 0; i < t.data.length; i++)
        out[i] = Number(t.data[i]);
    return out;
}
/** Whether the declared shape admits `actual` (-1 matches any size; an unknown shape matches all). */
function shapeAccepts(declared, actual) {
    if (declared === null)
        return true;
    if (declared.length !== actual.length)
        return false;
    return declared.every((d, i) => d < 0 || d === actual[i]);
}
/** The declared shape with dynamic axes replaced: the first by `batch`, the others by 1. */
function concreteShape(spec, batch) {
    if (spec.shape === null)
        return [batch];
    return spec.shape.map((d, i) => (d >= 0 ? d : i === 0 ? batch : 1));
}
/** Whether the first axis is dynamic (so the model accepts any batch size). */
function hasDynamicBatch(spec) {
    return spec.shape === null || (spec.shape.length > 0 && spec.shape[0] < 0);
}
/** Rows [start, end) along the first axis. */
function sliceRows(t, start, end) {
    const rowSize = t.shape.length === 0 ? 1 : elementCount(t.shape.slice(1));
    const data = t.data.slice(start * rowSize, end * rowSize);
    return { dtype: t.dtype, shape: [end - start, ...t.shape.slice(1)], data };
}
/** Repeat rows (cycling) until there are `rows` of them along the first axis. */
function tileRows(t, rows) {
    const have = t.shape[0] ?? 1;
    const rowSize = t.shape.length === 0 ? 1 : elementCount(t.shape.slice(1));
    const data = allocate(t.dtype, rows * rowSize);
    for (let r = 0; r < rows; r++) {
        const from = (r % have) * rowSize;
        for (let k = 0; k < rowSize; k++)
            data[r * rowSize + k] = t.data[from + k];
    }
    return { dtype: t.dtype, shape: [rows, ...t.shape.slice(1)], data };
}

;// CONCATENATED MODULE: ./src/model/tfjs-io.ts
/**
 * Reads a TF.js model (model.json + weight shards) from the file system into the `ModelArtifacts` object
 * that `loadLayersModel` / `loadGraphModel` accept through an IOHandler. Plain objects only, so the same
 * handler works with the bundled tfjs-core and with a workspace's tfjs-node.
 */






/** Bytes one weight takes in the shards (quantised weights use their storage dtype). */
function weightBytes(spec) {
    const per = bytesPerElement(spec.quantization?.dtype ?? spec.dtype);
    return per === undefined ? undefined : per * elementCount(spec.shape);
}
function isObject(x) {
    return typeof x === 'object' && x !== null && !Array.isArray(x);
}
/** Which kind of TF.js model a parsed model.json is, from `format` or the topology's shape. */
function tfjsFormatOf(json) {
    if (json.format === 'graph-model')
        return 'tfjs-graph';
    if (json.format === 'layers-model')
        return 'tfjs-layers';
    const topo = json.modelTopology;
    return isObject(topo) && Array.isArray(topo.node) ? 'tfjs-graph' : 'tfjs-layers';
}
/** The manifest's groups, validated: every path a string, every weight a {name, shape, dtype}. */
function manifestGroups(json, file) {
    const manifest = json.weightsManifest ?? [];
    if (!Array.isArray(manifest)) {
        throw new DataFormatError({ file }, '"weightsManifest" must be an array of {paths, weights}');
    }
    return manifest.map((group, g) => {
        if (!isObject(group) || !Array.isArray(group.paths) || !Array.isArray(group.weights)) {
            throw new DataFormatError({ file }, `weightsManifest[${g}] must be an object with "paths" and "weights" arrays`);
        }
        group.paths.forEach((p, i) => {
            if (typeof p !== 'string' || p === '')
                throw new DataFormatError({ file }, `weightsManifest[${g}].paths[${i}]: expected a file name`);
        });
        group.weights.forEach((w, i) => {
            const spec = w;
            const ok = isObject(w) &&
                typeof spec.name === 'string' &&
                typeof spec.dtype === 'string' &&
                Array.isArray(spec.shape) &&
                spec.shape.every((d) => Number.isSafeInteger(d) && d >= 0);
            if (!ok)
                throw new DataFormatError({ file }, `weightsManifest[${g}].weights[${i}]: expected {"name": string, "shape": [non-negative integers], "dtype": string}`);
        });
        return group;
    });
}
/**
 * The weight shard files a model.json names, resolved against its folder, without reading them. Paths that
 * lead out of the folder are left out (reading the model reports them); a model.json that cannot be read
 * gives an empty list. For recording a command's inputs before it runs.
 */
function tfjsShardFiles(modelJsonPath) {
    try {
        const json = parseJsonText(readInputText(modelJsonPath, { what: 'TF.js model.json' }), modelJsonPath);
        if (!isObject(json))
            return [];
        const dir = dirname(modelJsonPath);
        const out = [];
        for (const group of manifestGroups(json, modelJsonPath)) {
            for (const p of group.paths) {
                try {
                    out.push(confineNamed(dir, p, modelJsonPath, 'weightsManifest'));
                }
                catch {
                    // reported when the model is read
                }
            }
        }
        return out;
    }
    catch {
        return [];
    }
}
/**
 * Read `model.json` and every shard its weightsManifest lists (paths relative to the model.json, and
 * inside its folder after symbolic links).
 * @throws DataFormatError naming the file: malformed JSON (with line/column), a missing `modelTopology`
 *   or `weightsManifest`, a missing shard, or shards holding fewer bytes than the manifest requires;
 *   OutsideFolderError when a shard path leads out of the model's folder
 */
function readTfjsArtifacts(modelJsonPath, onNote = () => { }) {
    const text = read_input_readInputText(modelJsonPath, { what: 'TF.js model.json' });
    const json = json_file_parseJsonText(text, modelJsonPath, 'not valid TF.js model.json');
    if (!isObject(json) || !isObject(json.modelTopology)) {
        throw new DataFormatError({ file: modelJsonPath }, 'expected a TF.js model.json: an object with "modelTopology" and "weightsManifest"');
    }
    const groups = manifestGroups(json, modelJsonPath);
    const dir = (0,external_node_path_.dirname)(modelJsonPath);
    // Every path is checked before any shard is read: nothing outside the model's folder is ever opened.
    const files = groups.map((group, g) => group.paths.map((p, i) => confine_confineNamed(dir, p, modelJsonPath, `weightsManifest[${g}].paths[${i}]`)));
    const specs = [];
    const chunks = [];
    let total = 0;
    groups.forEach(({ weights }, g) => {
        let got = 0;
        const shardFiles = files[g];
        shardFiles.forEach((file, i) => {
            let buf;
            try {
                buf = read_input_readInputBytes(file, { what: 'weight shard', maxBytes: read_input_MAX_MODEL_BYTES - total });
            }
            catch (e) {
                if (!(e instanceof errors_InputError))
                    throw e;
                const missing = /not found/.test(e.message);
                throw new DataFormatError({ file }, missing
                    ? `weight shard is missing (listed in ${relativeName(modelJsonPath)} weightsManifest[${g}].paths[${i}])`
                    : e.message);
            }
            got += buf.length;
            total += buf.length;
            chunks.push(buf);
        });
        const sizes = weights.map(weightBytes);
        if (sizes.every((s) => s !== undefined)) {
            const need = sizes.reduce((a, b) => a + b, 0);
            const where = shardFiles.length === 1 ? shardFiles[0] : `${shardFiles[0]} (+${shardFiles.length - 1} shards)`;
            if (got < need) {
                throw new DataFormatError({ file: where }, `weights are truncated: the shard${shardFiles.length === 1 ? '' : 's'} hold ${got} bytes, ` +
                    `the weights manifest requires ${need} bytes`);
            }
            if (got > need)
                onNote(`${where}: shards hold ${got} bytes, the manifest uses ${need}; the rest is ignored`);
        }
        specs.push(...weights);
    });
    const all = Buffer.concat(chunks);
    const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
    const artifacts = {
        modelTopology: json.modelTopology,
        weightSpecs: specs,
        weightData,
    };
    for (const key of [
        'format',
        'generatedBy',
        'convertedBy',
        'trainingConfig',
        'signature',
        'userDefinedMetadata',
        'modelInitializer',
        'initializerSignature',
    ]) {
        if (json[key] !== undefined)
            artifacts[key] = json[key];
    }
    return { artifacts, format: tfjsFormatOf(json) };
}
/** A tfjs-core IOHandler (only `load`) over {@link readTfjsArtifacts}'s result. */
function artifactsHandler(artifacts) {
    return { load: async () => artifacts };
}
function relativeName(file) {
    const r = (0,external_node_path_.relative)(process.cwd(), file);
    return r.startsWith('..') ? file : r;
}

;// CONCATENATED MODULE: ./src/model/tfjs-model.ts
/**
 * TF.js models (layers and graph) on the fastest available backend:
 * `@tensorflow/tfjs-node` when the user's workspace has it (never bundled), else the bundled wasm backend,
 * else the pure-JS cpu backend. Heavy modules are imported lazily so that commands that load no model start fast.
 */



let bundled;
let wasmState = 'untried';
let tfjs_model_nodeApi;
async function loadBundled() {
    bundled ??= (async () => {
        const core = await __webpack_require__.e(/* import() */ 484).then(__webpack_require__.t.bind(__webpack_require__, 3484, 19));
        // PROD silences tfjs's console banners ("install tfjs-node") and its debug checks.
        core.env().set('PROD', true);
        await Promise.all(/* import() */[__webpack_require__.e(484), __webpack_require__.e(48)]).then(__webpack_require__.t.bind(__webpack_require__, 8048, 19));
        const [layers, converter] = await Promise.all([
            Promise.all(/* import() */[__webpack_require__.e(484), __webpack_require__.e(762)]).then(__webpack_require__.t.bind(__webpack_require__, 9762, 19)),
            Promise.all(/* import() */[__webpack_require__.e(484), __webpack_require__.e(192)]).then(__webpack_require__.t.bind(__webpack_require__, 8192, 19)),
        ]);
        return { core, layers, converter };
    })();
    return bundled;
}
/** Initialise the bundled wasm backend once; remembers a failure (the backend cannot be retried). */
async function initWasm(core) {
    if (wasmState === 'ready') {
        if (!(await core.setBackend('wasm')))
            throw new Error('tfjs wasm backend did not initialise');
        return;
    }
    if (wasmState instanceof Error)
        throw wasmState;
    try {
        const dir = findTfjsWasmDir();
        if (!dir) {
            throw new Error('tfjs-backend-wasm binaries (tfjs-backend-wasm*.wasm) are neither next to the bundle nor in node_modules');
        }
        ensureDirnameGlobal();
        const wasm = await Promise.all(/* import() */[__webpack_require__.e(484), __webpack_require__.e(744)]).then(__webpack_require__.t.bind(__webpack_require__, 6744, 19));
        wasm.setWasmPaths(dir.endsWith('/') ? dir : `${dir}/`);
        if (!(await core.setBackend('wasm')) || core.getBackend() !== 'wasm') {
            throw new Error(`tfjs wasm backend did not initialise from ${dir}`);
        }
        wasmState = 'ready';
    }
    catch (err) {
        wasmState = err instanceof Error ? err : new Error(String(err));
        throw wasmState;
    }
}
function loadTfjsNode(dirs) {
    if (tfjs_model_nodeApi)
        return tfjs_model_nodeApi;
    const entry = resolveFromWorkspace('@tensorflow/tfjs-node', dirs);
    if (!entry)
        return undefined;
    const mod = requireFile(entry);
    tfjs_model_nodeApi = {
        core: mod,
        layers: mod,
        converter: mod,
        backend: 'tfjs-node',
        runtime: `@tensorflow/tfjs-node ${mod.version?.['tfjs-node'] ?? mod.version_core ?? ''}`.trim(),
    };
    return tfjs_model_nodeApi;
}
/**
 * Pick and initialise a TF.js backend.
 * @param request `auto` tries tfjs-node (workspace), then wasm, then cpu; a named backend is used or fails
 * @throws InputError for an ONNX-only request; Error when the named backend cannot start
 */
async function selectTfjsBackend(request, dirs, onNote) {
    if (request === 'onnxruntime-node' || request === 'onnxruntime-web') {
        throw new errors_InputError(`backend "${request}" runs ONNX models only; TF.js models take auto, tfjs-node, wasm or cpu`);
    }
    if (request === 'tfjs-node' || request === 'auto') {
        const api = loadTfjsNode(dirs);
        if (api) {
            if (!(await api.core.setBackend('tensorflow')))
                throw new Error('tfjs-node backend "tensorflow" did not start');
            return api;
        }
        if (request === 'tfjs-node') {
            throw new errors_InputError(`backend "tfjs-node" requested, but @tensorflow/tfjs-node is not installed in ${dirs.join(' or ')}`);
        }
    }
    const { core, layers, converter } = await loadBundled();
    if (request === 'wasm' || request === 'auto') {
        try {
            await initWasm(core);
            const wasm = await Promise.all(/* import() */[__webpack_require__.e(484), __webpack_require__.e(744)]).then(__webpack_require__.t.bind(__webpack_require__, 6744, 19));
            return {
                core,
                layers,
                converter,
                backend: 'wasm',
                runtime: `@tensorflow/tfjs-backend-wasm ${wasm.version_wasm}`,
            };
        }
        catch (err) {
            if (request === 'wasm')
                throw err;
            onNote(`tfjs wasm backend unavailable (${err.message}); using the cpu backend`);
        }
    }
    if (!(await core.setBackend('cpu')))
        throw new Error('tfjs cpu backend did not start');
    return {
        core,
        layers,
        converter,
        backend: 'cpu',
        runtime: `@tensorflow/tfjs-backend-cpu ${core.version_core}`,
    };
}
function tfjs_model_specOf(name, shape, dtype) {
    return {
        name,
        dtype: dtype ?? 'float32',
        shape: shape ? shape.map((d) => (d === null || d < 0 ? -1 : d)) : null,
    };
}
async function toHost(t) {
    const data = (await t.data());
    return { dtype: t.dtype, shape: [...t.shape], data };
}
function toTensor(core, name, t, spec) {
    const dtype = spec.dtype;
    let values = t.data;
    // TF.js has no 64-bit integers: convert bigints (and any other integer width) to the declared dtype.
    if (t.data instanceof BigInt64Array || t.data instanceof BigUint64Array)
        values = Array.from(t.data, Number);
    else if (t.dtype !== spec.dtype && !Array.isArray(t.data))
        values = Array.from(t.data);
    try {
        return core.tensor(values, t.shape, dtype);
    }
    catch (err) {
        throw new errors_InputError(`input "${name}": ${err.message}`);
    }
}
/** TF.js's own reason for refusing a model, as a DataFormatError naming the model.json. */
async function notLoadable(file, kind, load) {
    try {
        return await load();
    }
    catch (err) {
        const reason = (err?.message ?? String(err)).replace(/\s+/g, ' ').trim().slice(0, 300);
        throw new DataFormatError({ file }, `not a loadable TF.js ${kind} model (${reason})`);
    }
}
/**
 * Load a TF.js layers or graph model from `modelJsonPath`.
 * @throws DataFormatError for a malformed model.json, a missing or truncated weight shard
 */
async function loadTfjsModel(modelJsonPath, options = {}) {
    const onNote = options.onNote ?? (() => { });
    const { artifacts, format } = readTfjsArtifacts(modelJsonPath, onNote);
    const api = await selectTfjsBackend(options.backend ?? 'auto', options.workspaceDirs ?? defaultWorkspaceDirs(), onNote);
    const { core } = api;
    const handler = artifactsHandler(artifacts);
    const ensureBackend = async () => {
        const want = api.backend === 'tfjs-node' ? 'tensorflow' : api.backend;
        if (core.getBackend() !== want)
            await core.setBackend(want);
    };
    if (format === 'tfjs-layers') {
        const model = await notLoadable(modelJsonPath, 'layers', () => api.layers.loadLayersModel(handler));
        const signature = {
            inputs: model.inputs.map((t, i) => tfjs_model_specOf(model.inputNames[i] ?? t.name, t.shape, t.dtype)),
            outputs: model.outputs.map((t, i) => tfjs_model_specOf(model.outputNames[i] ?? t.name, t.shape, t.dtype)),
        };
        return {
            format,
            backend: api.backend,
            runtime: api.runtime,
            signature,
            file: modelJsonPath,
            async run(inputs) {
                await ensureBackend();
                const xs = signature.inputs.map((s) => toTensor(core, s.name, inputs[s.name], s));
                try {
                    const y = model.predict(xs.length === 1 ? xs[0] : xs);
                    const ys = Array.isArray(y) ? y : [y];
                    const out = {};
                    for (let i = 0; i < ys.length; i++)
                        out[signature.outputs[i].name] = await toHost(ys[i]);
                    core.dispose(ys);
                    return out;
                }
                finally {
                    core.dispose(xs);
                }
            },
            async dispose() {
                model.dispose();
            },
        };
    }
    const model = await notLoadable(modelJsonPath, 'graph', () => api.converter.loadGraphModel(handler));
    const signature = {
        inputs: model.inputs.map((t) => tfjs_model_specOf(t.name, t.shape, t.dtype)),
        outputs: model.outputs.map((t) => tfjs_model_specOf(t.name, t.shape, t.dtype)),
    };
    return {
        format,
        backend: api.backend,
        runtime: api.runtime,
        signature,
        file: modelJsonPath,
        async run(inputs) {
            await ensureBackend();
            const feed = {};
            for (const s of signature.inputs)
                feed[s.name] = toTensor(core, s.name, inputs[s.name], s);
            try {
                const names = signature.outputs.map((s) => s.name);
                // execute() is synchronous and quiet; models with control flow need executeAsync().
                let y;
                try {
                    y = model.execute(feed, names);
                }
                catch (err) {
                    if (!/executeAsync/.test(err.message))
                        throw err;
                    y = await model.executeAsync(feed, names);
                }
                const ys = Array.isArray(y) ? y : [y];
                const out = {};
                for (let i = 0; i < ys.length; i++)
                    out[names[i]] = await toHost(ys[i]);
                core.dispose(ys);
                return out;
            }
            finally {
                core.dispose(Object.values(feed));
            }
        },
        async dispose() {
            model.dispose();
        },
    };
}
/** For tests: forget a cached tfjs-node module (the wasm backend cannot be re-initialised in one process). */
function resetTfjsNodeCache() {
    tfjs_model_nodeApi = undefined;
}

;// CONCATENATED MODULE: ./src/model/load-model.ts




/**
 * Load a TF.js (layers or graph) or ONNX model and pick a backend for it.
 * @example const m = await loadModel('model/model.json', { backend: 'wasm' }); m.backend // 'wasm'
 * @throws InputError (bad path or backend), DataFormatError (a broken model file, naming it)
 */
async function loadModel(path, options = {}) {
    const { file, kind } = resolveModelFile(path);
    return kind === 'onnx' ? loadOnnxModel(file, options) : loadTfjsModel(file, options);
}

;// CONCATENATED MODULE: ./src/model/model-files.ts
/**
 * The files that make up a model, and one digest for them. A serving image carries exactly these files,
 * and the digest labels the image and is reported by the server's /metrics, so both must agree on what
 * "the model" is: `model.json` plus every weight shard its manifest lists (TF.js), or the `.onnx` file,
 * plus any extra files the user names (a preprocessing config). Every path read from model.json stays
 * inside the model's folder (`confine`): a pull request cannot smuggle `../../etc/passwd` into an image.
 */








const posix = (p) => p.split(external_node_path_.sep).join('/');
function confined(dir, name, where) {
    const c = confine(dir, name);
    if (!c.ok)
        throw new errors_InputError(`${where}: "${visible(name)}" is not allowed: ${c.reason}`);
    return { name: posix((0,external_node_path_.relative)(dir, c.path)), path: c.path };
}
/**
 * The files of the model at `modelPath` (model.json, a .onnx file or a folder holding one) plus `extra`
 * names relative to the model's folder.
 * @throws InputError for a path that leaves the model folder; DataFormatError for an unreadable model.json
 */
function listModelFiles(modelPath, extra = []) {
    const { file, kind } = resolveModelFile(modelPath);
    const dir = (0,external_node_path_.dirname)(file);
    const entry = (0,external_node_path_.basename)(file);
    const byName = new Map([[entry, { name: entry, path: file }]]);
    if (kind === 'tfjs') {
        const json = json_file_parseJsonText((0,external_node_fs_.readFileSync)(file, 'utf8'), file, 'not valid TF.js model.json');
        const manifest = json.weightsManifest ?? [];
        if (!Array.isArray(manifest))
            throw new DataFormatError({ file }, '"weightsManifest" must be an array of {paths, weights}');
        manifest.forEach((group, g) => {
            const paths = group?.paths;
            if (!Array.isArray(paths))
                throw new DataFormatError({ file }, `weightsManifest[${g}].paths must be an array of file names`);
            paths.forEach((p, i) => {
                if (typeof p !== 'string')
                    throw new DataFormatError({ file }, `weightsManifest[${g}].paths[${i}] must be a string`);
                const f = confined(dir, p, `${file} weightsManifest[${g}].paths[${i}]`);
                byName.set(f.name, f);
            });
        });
    }
    for (const name of extra) {
        const f = confined(dir, name, 'model file');
        byName.set(f.name, f);
    }
    for (const f of byName.values()) {
        let s;
        try {
            s = (0,external_node_fs_.statSync)(f.path);
        }
        catch {
            throw new errors_InputError(`model file ${visible(f.path)} does not exist`);
        }
        if (!s.isFile())
            throw new errors_InputError(`model file ${visible(f.path)} is not a regular file`);
    }
    const files = [...byName.values()].sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
    return { kind, dir, entry, files };
}
/** A file's identity and version as far as the file system tells: a change between two reads shows here. */
function statStamp(s) {
    return `${s.dev}:${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`;
}
/**
 * sha256 of one file, read in chunks (bounded memory), refusing a file that changes while it is read: its
 * size, modification or change time differ before and after, or it yields more or fewer bytes than its
 * size said. `onChunk` runs after each chunk (tests change the file there).
 */
function hashFileStable(path, onChunk) {
    const fd = (0,external_node_fs_.openSync)(path, 'r');
    try {
        const before = (0,external_node_fs_.fstatSync)(fd);
        const hash = (0,external_node_crypto_.createHash)('sha256');
        const buf = Buffer.allocUnsafe(1 << 20);
        let offset = 0;
        for (;;) {
            const n = (0,external_node_fs_.readSync)(fd, buf, 0, buf.length, offset);
            if (n === 0)
                break;
            hash.update(buf.subarray(0, n));
            offset += n;
            onChunk?.(offset);
        }
        const after = (0,external_node_fs_.fstatSync)(fd);
        if (offset !== before.size || statStamp(before) !== statStamp(after))
            throw new errors_InputError(`model file ${visible(path)} changed while it was being read (${before.size} bytes before, ${offset} read, ${after.size} after); build again once it is complete`);
        return { hex: hash.digest('hex'), size: offset };
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}
/**
 * The model's digest: `sha256:` of the lines `<sha256 hex>  <name>\n` for every file sorted by name, which
 * is what `sha256sum` prints, so `(cd model && sha256sum model.json weights.bin) | sha256sum` checks it.
 */
function modelDigest(files, hashes = new Map()) {
    const lines = files.map((f) => `${hashes.get(f.name) ?? hashFileStable(f.path).hex}  ${f.name}\n`).join('');
    return `sha256:${(0,external_node_crypto_.createHash)('sha256').update(lines).digest('hex')}`;
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
var external_node_http_default = /*#__PURE__*/__webpack_require__.n(external_node_http_);
;// CONCATENATED MODULE: ./src/serve/predict-request.ts
/**
 * The /predict contract (docs/smoke.md, HTTP mode): `{"inputs": rows}` in, `{"outputs": rows}` out.
 * Rows are checked against the model's declared signature before anything runs, and every problem is a
 * client error naming the place (`inputs[3]: expected 13 values, got 12`), never an engine's message.
 */

/** A request the server refuses; `status` is the HTTP status (400 malformed, 413 too large, 422 invalid). */
class RequestError extends Error {
    status;
    code;
    name = 'RequestError';
    constructor(status, code, message) {
        super(message);
        this.status = status;
        this.code = code;
    }
}
const isRecord = (x) => typeof x === 'object' && x !== null && !Array.isArray(x);
const INTEGER = new Set(['int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64']);
/** Flatten one row (nested arrays) into `out`, checking it has `shape` exactly and numbers only. */
function flattenRow(value, shape, dtype, where, out) {
    if (shape.length === 0) {
        let v;
        if (typeof value === 'number')
            v = value;
        else if (typeof value === 'boolean' && dtype === 'bool')
            v = value ? 1 : 0;
        else
            throw new RequestError(422, 'invalid_value', `${where}: expected a number, got ${describe(value)}`);
        if (!Number.isFinite(v))
            throw new RequestError(422, 'invalid_value', `${where}: expected a finite number`);
        if (INTEGER.has(dtype) && !Number.isInteger(v))
            throw new RequestError(422, 'invalid_value', `${where}: expected an integer (${dtype}), got ${v}`);
        out.push(v);
        return;
    }
    if (!Array.isArray(value))
        throw new RequestError(422, 'invalid_shape', `${where}: expected an array of ${shape[0] < 0 ? 'any number of' : shape[0]} values, got ${describe(value)}`);
    if (shape[0] >= 0 && value.length !== shape[0])
        throw new RequestError(422, 'invalid_shape', `${where}: expected ${shape[0]} values, got ${value.length}`);
    value.forEach((v, i) => flattenRow(v, shape.slice(1), dtype, `${where}[${i}]`, out));
}
function describe(v) {
    if (v === null)
        return 'null';
    if (Array.isArray(v))
        return `an array of ${v.length}`;
    if (typeof v === 'string')
        return 'a string';
    return typeof v === 'object' ? 'an object' : String(v);
}
/** The per-row shape a spec declares (its shape without the batch axis); dynamic inner axes are refused. */
function rowShape(spec) {
    if (spec.shape === null || spec.shape.length === 0)
        return [];
    return spec.shape.slice(1);
}
function tensorFromRows(rows, spec, where) {
    if (spec.dtype === 'string')
        throw new RequestError(422, 'unsupported_input', `input "${spec.name}" takes strings, which this server does not serve`);
    const inner = rowShape(spec);
    const values = [];
    rows.forEach((row, i) => flattenRow(row, inner, spec.dtype, `${where}[${i}]`, values));
    // Dynamic inner axes: the first row fixes them; every row must then agree.
    const perRow = rows.length ? values.length / rows.length : 0;
    const concrete = inner.some((d) => d < 0) ? shapeOf(rows[0]) : inner;
    if (elementCount(concrete) !== perRow)
        throw new RequestError(422, 'invalid_shape', `${where}: rows of different shapes`);
    const shape = [rows.length, ...concrete];
    if (!shapeAccepts(spec.shape, shape))
        throw new RequestError(422, 'invalid_shape', `${where}: shape ${formatShape(shape)} does not fit input "${spec.name}" ${formatShape(spec.shape)}`);
    return fromNumbers(spec.dtype, shape, values);
}
function shapeOf(v) {
    const s = [];
    let x = v;
    while (Array.isArray(x)) {
        s.push(x.length);
        x = x[0];
    }
    return s;
}
/**
 * Parse a /predict body (already JSON-parsed) into input tensors.
 * Accepted: `{"inputs": [row, ...]}` for a single-input model; `{"inputs": [{"a": …, "b": …}, ...]}` rows
 * of named inputs; `{"inputs": {"a": [rows], "b": [rows]}}` a batch per input.
 */
function parsePredictBody(body, signature, maxRows) {
    if (!isRecord(body) || !('inputs' in body))
        throw new RequestError(422, 'missing_inputs', 'expected a JSON object {"inputs": [rows]}');
    const doc = body.inputs;
    const specs = signature.inputs;
    const names = specs.map((s) => s.name);
    const tensors = {};
    let rows;
    if (Array.isArray(doc)) {
        rows = doc.length;
        if (rows === 0)
            throw new RequestError(422, 'empty_inputs', 'inputs: expected at least one row');
        if (rows > maxRows)
            throw new RequestError(413, 'too_many_rows', `inputs: ${rows} rows, at most ${maxRows} per request`);
        if (doc.every(isRecord)) {
            for (const spec of specs) {
                const col = doc.map((r, i) => {
                    if (!(spec.name in r))
                        throw new RequestError(422, 'missing_input', `inputs[${i}]: no input "${spec.name}" (inputs: ${names.join(', ')})`);
                    return r[spec.name];
                });
                tensors[spec.name] = tensorFromRows(col, spec, `inputs[].${spec.name}`);
            }
        }
        else {
            if (specs.length !== 1)
                throw new RequestError(422, 'named_inputs_required', `this model has inputs ${names.join(', ')}: send rows of objects or {"inputs": {"name": [rows]}}`);
            tensors[specs[0].name] = tensorFromRows(doc, specs[0], 'inputs');
        }
    }
    else if (isRecord(doc)) {
        rows = -1;
        for (const spec of specs) {
            const col = doc[spec.name];
            if (!Array.isArray(col))
                throw new RequestError(422, 'missing_input', `inputs.${spec.name}: expected an array of rows (inputs: ${names.join(', ')})`);
            if (rows >= 0 && col.length !== rows)
                throw new RequestError(422, 'invalid_shape', `inputs.${spec.name}: ${col.length} rows, other inputs have ${rows}`);
            rows = col.length;
            if (rows === 0)
                throw new RequestError(422, 'empty_inputs', `inputs.${spec.name}: expected at least one row`);
            if (rows > maxRows)
                throw new RequestError(413, 'too_many_rows', `inputs: ${rows} rows, at most ${maxRows} per request`);
            tensors[spec.name] = tensorFromRows(col, spec, `inputs.${spec.name}`);
        }
    }
    else
        throw new RequestError(422, 'missing_inputs', 'inputs: expected an array of rows or an object of inputs');
    return { tensors, rows };
}
/** A tensor as JSON rows; NaN and ±Infinity (which JSON cannot hold) become null. */
function tensorToRows(t) {
    const values = toNumbers(t);
    const build = (offset, dims) => {
        if (dims.length === 0) {
            const v = values[offset];
            return Number.isFinite(v) ? v : null;
        }
        const [d, ...rest] = dims;
        const step = elementCount(rest);
        return Array.from({ length: d }, (_, i) => build(offset + i * step, rest));
    };
    const shape = t.shape.length === 0 ? [1] : t.shape;
    return build(0, shape);
}
/** The response body: `{"outputs": rows}` for one output, `{"outputs": {"name": rows}}` for several. */
function predictResponse(outputs, signature) {
    const names = signature.outputs.map((s) => s.name).filter((n) => n in outputs);
    if (names.length === 1)
        return { outputs: tensorToRows(outputs[names[0]]) };
    return { outputs: Object.fromEntries(names.map((n) => [n, tensorToRows(outputs[n])])) };
}

;// CONCATENATED MODULE: ./src/serve/app.ts
/**
 * The serving app's HTTP side: POST /predict, GET /health, GET /metrics, a request size limit, request
 * logs and a graceful stop. The model is passed in already loaded, so tests can serve any LoadedModel.
 */



const ROUTES = new Set(['/predict', '/health', '/metrics']);
function readBody(req, limit) {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit)
        return Promise.reject(new RequestError(413, 'too_large', `request body of ${declared} bytes is over the limit of ${limit}`));
    return new Promise((resolve, reject) => {
        const chunks = [];
        let size = 0;
        req.on('data', (c) => {
            size += c.length;
            if (size > limit) {
                req.removeAllListeners('data');
                req.resume(); // drain so the connection can answer 413
                reject(new RequestError(413, 'too_large', `request body is over the limit of ${limit} bytes`));
                return;
            }
            chunks.push(c);
        });
        req.on('end', () => resolve(Buffer.concat(chunks)));
        req.on('error', reject);
    });
}
function sendJson(res, status, body, extra = {}) {
    const text = JSON.stringify(body);
    res.writeHead(status, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(text),
        ...extra,
    });
    res.end(text);
    return Buffer.byteLength(text);
}
function createServingApp(model, info, settings, metrics, logger) {
    let stopping = false;
    let inFlight = 0;
    let idle;
    metrics.modelInfo.set({
        name: info.name,
        version: info.version,
        digest: info.digest,
        format: model.format,
        backend: model.backend,
    }, 1);
    async function predict(req, record) {
        if (req.method !== 'POST')
            throw new RequestError(405, 'method_not_allowed', 'use POST /predict');
        // Any content type: curl's default form type and missing headers are common, and the body must be JSON anyway.
        const raw = await readBody(req, settings.maxRequestBytes);
        record.bytes_in = raw.length;
        let body;
        try {
            body = JSON.parse(raw.toString('utf8'));
        }
        catch (e) {
            throw new RequestError(400, 'invalid_json', `body is not JSON: ${e.message.slice(0, 200)}`);
        }
        const { tensors, rows } = parsePredictBody(body, model.signature, settings.maxBatchRows);
        record.rows = rows;
        if (settings.logPayloads)
            record.inputs = body.inputs;
        const t0 = performance.now();
        let outputs;
        try {
            outputs = await model.run(tensors);
        }
        catch (e) {
            // The engine's message is logged for the operator; the client gets a plain 500.
            record.engine_error = String(e.message ?? e).slice(0, 500);
            throw new RequestError(500, 'inference_failed', 'the model could not run these inputs');
        }
        metrics.inferenceDuration.observe((performance.now() - t0) / 1000);
        metrics.rows.inc(rows);
        const response = predictResponse(outputs, model.signature);
        if (settings.logPayloads)
            record.outputs = response.outputs;
        return { status: 200, body: response };
    }
    const server = external_node_http_default().createServer(async (req, res) => {
        const t0 = performance.now();
        const path = (req.url ?? '/').split('?')[0];
        const route = ROUTES.has(path) ? path : 'other';
        const requestId = String(req.headers['x-request-id'] ?? '')
            .slice(0, 128)
            .replace(/[^\w.:-]/g, '') || (0,external_node_crypto_.randomUUID)();
        const record = {
            level: 'info',
            msg: 'request',
            request_id: requestId,
            method: req.method,
            path: route === 'other' ? 'other' : path,
            remote_addr: req.socket.remoteAddress,
            user_agent: req.headers['user-agent'],
        };
        inFlight++;
        let status = 500;
        let bytesOut = 0;
        try {
            if (stopping)
                throw new RequestError(503, 'shutting_down', 'the server is shutting down');
            if (path === '/predict') {
                const r = await predict(req, record);
                status = r.status;
                bytesOut = sendJson(res, status, r.body, { 'x-request-id': requestId });
            }
            else if (path === '/health' && (req.method === 'GET' || req.method === 'HEAD')) {
                status = 200;
                bytesOut = sendJson(res, 200, {
                    status: 'ok',
                    model: { ...info, format: model.format, backend: model.backend },
                });
            }
            else if (path === '/metrics' && req.method === 'GET') {
                const text = await metrics.registry.metrics();
                status = 200;
                res.writeHead(200, { 'content-type': metrics.registry.contentType });
                res.end(text);
                bytesOut = Buffer.byteLength(text);
            }
            else if (ROUTES.has(path))
                throw new RequestError(405, 'method_not_allowed', `${req.method} is not allowed on ${path}`);
            else
                throw new RequestError(404, 'not_found', 'routes: POST /predict, GET /health, GET /metrics');
        }
        catch (e) {
            const err = e instanceof RequestError ? e : new RequestError(500, 'internal', 'internal error');
            if (!(e instanceof RequestError))
                record.internal_error = String(e?.message ?? e).slice(0, 500);
            status = err.status;
            record.error = err.code;
            if (route !== 'other')
                metrics.errors.inc({ route, reason: err.code });
            if (!res.headersSent)
                bytesOut = sendJson(res, status, { error: { code: err.code, message: err.message } }, {
                    'x-request-id': requestId,
                    ...(err.status === 413 ? { connection: 'close' } : {}),
                });
        }
        finally {
            const seconds = (performance.now() - t0) / 1000;
            const labels = { method: req.method ?? 'OTHER', route, status: String(status) };
            metrics.requests.inc(labels);
            metrics.requestDuration.observe(labels, seconds);
            if (route !== '/metrics' && route !== '/health')
                logger.log({ ...record, status, duration_ms: Math.round(seconds * 1e6) / 1000, bytes_out: bytesOut });
            inFlight--;
            if (inFlight === 0)
                idle?.();
        }
    });
    // Slow or stuck clients cannot hold the server: headers within 10 s, the whole request within 60 s.
    server.headersTimeout = 10_000;
    server.requestTimeout = 60_000;
    server.keepAliveTimeout = 5_000;
    async function shutdown(reason) {
        if (stopping)
            return;
        stopping = true;
        logger.log({ level: 'info', msg: 'shutdown', reason, in_flight: inFlight });
        const closed = new Promise((r) => server.close(() => r()));
        server.closeIdleConnections();
        if (inFlight > 0) {
            const drained = new Promise((r) => (idle = r));
            const timeout = new Promise((r) => setTimeout(() => r('timeout'), settings.shutdownTimeoutMs).unref());
            if ((await Promise.race([drained, timeout])) === 'timeout')
                logger.log({ level: 'warn', msg: 'shutdown timeout: closing open requests', in_flight: inFlight });
        }
        server.closeAllConnections();
        await closed;
        await model.dispose();
    }
    return { server, shutdown };
}

// EXTERNAL MODULE: ./node_modules/prom-client/index.js
var prom_client = __webpack_require__(5222);
;// CONCATENATED MODULE: ./src/serve/metrics.ts
/**
 * Prometheus metrics of the serving app (prom-client): request latency and counts by route and status,
 * errors by reason, rows predicted, inference time, and `model_info` naming the model's version and
 * digest, so a dashboard shows which model answers. Default process metrics (CPU, memory, event loop) too.
 */

/** Buckets from 1 ms to 10 s: small models answer in milliseconds, big batches take seconds. */
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
function createMetrics() {
    const registry = new prom_client.Registry();
    (0,prom_client.collectDefaultMetrics)({ register: registry });
    return {
        registry,
        requestDuration: new prom_client.Histogram({
            name: 'http_request_duration_seconds',
            help: 'Time from request start to response end, by method, route and status',
            labelNames: ['method', 'route', 'status'],
            buckets: BUCKETS,
            registers: [registry],
        }),
        requests: new prom_client.Counter({
            name: 'http_requests_total',
            help: 'Requests answered, by method, route and status',
            labelNames: ['method', 'route', 'status'],
            registers: [registry],
        }),
        errors: new prom_client.Counter({
            name: 'model_prediction_errors_total',
            help: 'Prediction requests that failed, by reason (invalid_shape, too_large, inference_failed, ...)',
            labelNames: ['route', 'reason'],
            registers: [registry],
        }),
        rows: new prom_client.Counter({
            name: 'model_predicted_rows_total',
            help: 'Rows the model predicted',
            registers: [registry],
        }),
        inferenceDuration: new prom_client.Histogram({
            name: 'model_inference_duration_seconds',
            help: 'Time the model took per request (without parsing and serialising)',
            buckets: BUCKETS,
            registers: [registry],
        }),
        modelInfo: new prom_client.Gauge({
            name: 'model_info',
            help: 'The model being served (value 1): name, version, sha256 digest of its files, format, backend',
            labelNames: ['name', 'version', 'digest', 'format', 'backend'],
            registers: [registry],
        }),
    };
}

;// CONCATENATED MODULE: ./src/serve/request-log.ts
/**
 * Structured request logs: one JSON line per request on stdout. Privacy first: request and response
 * bodies are not logged unless LOG_PAYLOADS is on, and the fields named in LOG_REDACT (by default the
 * client address and user agent) are written as "[redacted]", inside logged payloads too.
 */
const REDACTED = '[redacted]';
/** Replace redacted keys at any depth of `value` (named inputs in a payload, header-like fields). */
function redact(value, keys, depth = 0) {
    if (depth > 32)
        return REDACTED;
    if (Array.isArray(value))
        return value.map((v) => redact(v, keys, depth + 1));
    if (typeof value === 'object' && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, keys.has(k) ? REDACTED : redact(v, keys, depth + 1)]));
    }
    return value;
}
/** A logger writing JSON lines through `write` (stdout in the server). */
function jsonLogger(write, redactKeys, now = () => new Date()) {
    const keys = new Set(redactKeys);
    return {
        log(record) {
            write(JSON.stringify({ time: now().toISOString(), ...redact(record, keys) }) + '\n');
        },
    };
}

;// CONCATENATED MODULE: ./src/serve/settings.ts
/**
 * The serving app's settings, all from environment variables (as a container is configured), read and
 * checked once at start-up: a bad value stops the server with one line naming the variable.
 */

class SettingsError extends Error {
    name = 'SettingsError';
}
function integer(env, name, dflt, min, max) {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '')
        return dflt;
    const v = Number(raw.trim());
    if (!/^\d+$/.test(raw.trim()) || v < min || v > max)
        throw new SettingsError(`${name}: expected an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
    return v;
}
function flag(env, name) {
    const raw = (env[name] ?? '').trim();
    if (raw === '' || /^(0|false|no|off)$/i.test(raw))
        return false;
    if (/^(1|true|yes|on)$/i.test(raw))
        return true;
    throw new SettingsError(`${name}: expected true or false, got ${JSON.stringify(raw)}`);
}
const BACKENDS = ['auto', 'wasm', 'cpu', 'tfjs-node', 'onnxruntime-node', 'onnxruntime-web'];
/** Settings from `env`; `appDir` is the server's folder (the default model is `<appDir>/model`). */
function readSettings(env, appDir) {
    const backend = (env.MODEL_BACKEND ?? '').trim() || 'auto';
    if (!BACKENDS.includes(backend))
        throw new SettingsError(`MODEL_BACKEND: expected one of ${BACKENDS.join(', ')}, got ${JSON.stringify(backend)}`);
    const redact = env.LOG_REDACT === undefined ? 'remote_addr,user_agent' : env.LOG_REDACT;
    return {
        port: integer(env, 'PORT', 8000, 0, 65535),
        host: (env.HOST ?? '').trim() || '0.0.0.0',
        modelPath: (env.MODEL_PATH ?? '').trim() || (0,external_node_path_.join)(appDir, 'model'),
        backend,
        modelName: (env.MODEL_NAME ?? '').trim() || undefined,
        modelVersion: (env.MODEL_VERSION ?? '').trim() || 'unversioned',
        modelDigest: (env.MODEL_DIGEST ?? '').trim() || undefined,
        maxRequestBytes: integer(env, 'MAX_REQUEST_BYTES', 1 << 20, 64, 1 << 30),
        maxBatchRows: integer(env, 'MAX_BATCH_ROWS', 1024, 1, 1_000_000),
        logPayloads: flag(env, 'LOG_PAYLOADS'),
        logRedact: redact
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    };
}

;// CONCATENATED MODULE: ./src/serve/serve.ts
/**
 * Start-up and shutdown of the serving app: settings from the environment, the model loaded with the
 * WebAssembly backends (no native addon needed in the image), its digest, the HTTP server, SIGTERM.
 */









async function serve(env, _argv) {
    const logger = jsonLogger((line) => process.stdout.write(line), []);
    const fail = (message) => {
        logger.log({ level: 'error', msg: message });
        process.exit(2);
    };
    let settings;
    try {
        settings = readSettings(env, moduleDir());
    }
    catch (e) {
        if (e instanceof SettingsError)
            return fail(e.message);
        throw e;
    }
    const requestLogger = jsonLogger((line) => process.stdout.write(line), settings.logRedact);
    const t0 = performance.now();
    let model;
    let digest;
    try {
        const files = listModelFiles(settings.modelPath);
        digest = settings.modelDigest ?? modelDigest(files.files);
        model = await loadModel(settings.modelPath, {
            backend: settings.backend,
            onNote: (m) => logger.log({ level: 'warn', msg: m }),
        });
    }
    catch (e) {
        if (e instanceof ModelCiError)
            return fail(`cannot load the model: ${e.message}`);
        return fail(`cannot load the model from ${settings.modelPath}: ${e.message}`);
    }
    const name = settings.modelName ?? (0,external_node_path_.basename)(model.file).replace(/\.(json|onnx|ort)$/i, '');
    const app = createServingApp(model, { name, version: settings.modelVersion, digest }, settings, createMetrics(), requestLogger);
    app.server.on('error', (e) => fail(`cannot listen on ${settings.host}:${settings.port}: ${e.message}`));
    app.server.listen(settings.port, settings.host, () => {
        const address = app.server.address();
        logger.log({
            level: 'info',
            msg: 'listening',
            port: typeof address === 'object' && address ? address.port : settings.port,
            model: model.file,
            format: model.format,
            backend: model.backend,
            version: settings.modelVersion,
            digest,
            load_ms: Math.round(performance.now() - t0),
        });
    });
    for (const signal of ['SIGTERM', 'SIGINT']) {
        process.once(signal, () => {
            void app.shutdown(signal).then(() => process.exit(0), () => process.exit(1));
        });
    }
}


/***/ })

};
