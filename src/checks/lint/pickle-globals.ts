/**
 * How a global named by a pickle is judged. An allowlist decides what is safe (what `torch.load(...,
 * weights_only=True)` and numpy need to rebuild tensors and arrays); everything else is at least a warning.
 * A blocklist of known-dangerous modules and callables only decides which of the rest are errors, so a new
 * gadget is never silently accepted — at worst it is a warning instead of an error.
 */

export type GlobalVerdict = { kind: 'safe' } | { kind: 'unknown' } | { kind: 'dangerous'; reason: string };

/** Python 2 module names that Python 3's unpickler maps to their new names (`_compat_pickle`). */
const PY2_MODULES: Record<string, string> = {
  __builtin__: 'builtins',
  copy_reg: 'copyreg',
  cPickle: 'pickle',
  exceptions: 'builtins',
  commands: 'subprocess',
  UserDict: 'collections',
  urllib2: 'urllib.request',
  httplib: 'http.client',
  SocketServer: 'socketserver',
  Queue: 'queue',
};

const TORCH_STORAGES = [
  'Float',
  'Double',
  'Half',
  'BFloat16',
  'Long',
  'Int',
  'Short',
  'Char',
  'Byte',
  'Bool',
  'ComplexFloat',
  'ComplexDouble',
  'QUInt8',
  'QInt8',
  'QInt32',
  'QUInt4x2',
  'QUInt2x4',
].map((t) => `torch.${t}Storage`);

const TORCH_DTYPES = [
  'float16',
  'float32',
  'float64',
  'bfloat16',
  'half',
  'float',
  'double',
  'complex32',
  'complex64',
  'complex128',
  'cfloat',
  'cdouble',
  'uint8',
  'uint16',
  'uint32',
  'uint64',
  'int8',
  'int16',
  'int32',
  'int64',
  'short',
  'int',
  'long',
  'bool',
  'qint8',
  'quint8',
  'qint32',
  'quint4x2',
  'float8_e4m3fn',
  'float8_e5m2',
].map((t) => `torch.${t}`);

const NUMPY_SCALARS = [
  'bool_',
  'int8',
  'int16',
  'int32',
  'int64',
  'uint8',
  'uint16',
  'uint32',
  'uint64',
  'float16',
  'float32',
  'float64',
  'longdouble',
  'complex64',
  'complex128',
  'str_',
  'bytes_',
  'datetime64',
  'timedelta64',
].map((t) => `numpy.${t}`);

/** What tensors, arrays and plain containers need. `module.name`, after Python 2 names are mapped. */
export const SAFE_GLOBALS: ReadonlySet<string> = new Set([
  // torch.save of tensors and state dicts
  'torch._utils._rebuild_tensor',
  'torch._utils._rebuild_tensor_v2',
  'torch._utils._rebuild_tensor_v3',
  'torch._utils._rebuild_parameter',
  'torch._utils._rebuild_parameter_with_state',
  'torch._utils._rebuild_qtensor',
  'torch._utils._rebuild_sparse_tensor',
  'torch._utils._rebuild_device_tensor_from_numpy',
  'torch._utils._rebuild_meta_tensor_no_storage',
  'torch._utils._rebuild_wrapper_subclass',
  'torch._tensor._rebuild_from_type',
  'torch._tensor._rebuild_from_type_v2',
  'torch.storage.UntypedStorage',
  'torch.storage.TypedStorage',
  'torch.UntypedStorage',
  'torch.Size',
  'torch.device',
  'torch.Tensor',
  'torch.nn.parameter.Parameter',
  'torch.serialization._get_layout',
  'torch.strided',
  'torch.sparse_coo',
  'torch.sparse_csr',
  'torch.contiguous_format',
  'torch.channels_last',
  'torch.preserve_format',
  ...TORCH_STORAGES,
  ...TORCH_DTYPES,
  // numpy arrays, dtypes and scalars (numpy 1.x and 2.x module names)
  'numpy.core.multiarray._reconstruct',
  'numpy._core.multiarray._reconstruct',
  'numpy.core.multiarray.scalar',
  'numpy._core.multiarray.scalar',
  'numpy.core.numeric._frombuffer',
  'numpy._core.numeric._frombuffer',
  'numpy.ndarray',
  'numpy.dtype',
  ...NUMPY_SCALARS,
  'numpy.random._pickle.__randomstate_ctor',
  'numpy.random._pickle.__bit_generator_ctor',
  'numpy.random._pickle.__generator_ctor',
  // joblib's array wrappers only carry array metadata; the data follows them in the file
  'joblib.numpy_pickle.NumpyArrayWrapper',
  'joblib.numpy_pickle.NDArrayWrapper',
  // containers and plain values
  'collections.OrderedDict',
  'collections.defaultdict',
  'collections.Counter',
  'collections.deque',
  'builtins.set',
  'builtins.frozenset',
  'builtins.list',
  'builtins.dict',
  'builtins.tuple',
  'builtins.int',
  'builtins.float',
  'builtins.complex',
  'builtins.bool',
  'builtins.str',
  'builtins.bytes',
  'builtins.bytearray',
  'builtins.slice',
  'builtins.range',
  'builtins.object',
  'copyreg._reconstructor',
  '_codecs.encode',
  'datetime.datetime',
  'datetime.date',
  'datetime.time',
  'datetime.timedelta',
  'datetime.timezone',
  'decimal.Decimal',
  'fractions.Fraction',
  'uuid.UUID',
]);

/** Whole modules whose every callable can run code, touch files or the network, or unpickle again. */
const DANGEROUS_MODULES: Record<string, string> = {
  os: 'runs commands and changes files',
  posix: 'runs commands and changes files (os on Unix)',
  nt: 'runs commands and changes files (os on Windows)',
  subprocess: 'runs commands',
  _posixsubprocess: 'runs commands',
  pty: 'spawns a shell',
  pipes: 'runs shell pipelines',
  popen2: 'runs commands',
  platform: 'runs commands (platform.popen)',
  socket: 'opens network connections',
  socketserver: 'opens network servers',
  ssl: 'opens network connections',
  http: 'makes HTTP requests',
  urllib: 'makes HTTP requests and reads files',
  requests: 'makes HTTP requests',
  aiohttp: 'makes HTTP requests',
  httpx: 'makes HTTP requests',
  ftplib: 'opens FTP connections',
  smtplib: 'sends mail',
  telnetlib: 'opens network connections',
  webbrowser: 'opens URLs with a local program',
  asyncio: 'runs subprocesses and network code',
  multiprocessing: 'starts processes',
  runpy: 'runs Python modules',
  code: 'runs Python code',
  codeop: 'compiles Python code',
  types: 'builds functions from code objects',
  marshal: 'loads code objects',
  ctypes: 'calls native functions',
  _ctypes: 'calls native functions',
  shutil: 'copies, moves and deletes files',
  sys: 'changes the interpreter (sys.modules, audit hooks)',
  importlib: 'imports arbitrary modules',
  imp: 'imports arbitrary modules',
  zipimport: 'imports code from archives',
  pkgutil: 'imports arbitrary modules',
  site: 'runs site configuration code',
  pickle: 'unpickles more data (a second-stage payload)',
  _pickle: 'unpickles more data (a second-stage payload)',
  pickletools: 'unpickles more data',
  dill: 'unpickles code',
  cloudpickle: 'rebuilds functions from code',
  shelve: 'unpickles more data',
  pdb: 'runs Python code',
  bdb: 'runs Python code',
  trace: 'runs Python code',
  profile: 'runs Python code',
  cProfile: 'runs Python code',
  timeit: 'runs Python code',
  doctest: 'runs Python code',
  pydoc: 'runs commands (pydoc.pipepager)',
  idlelib: 'runs Python code',
  lib2to3: 'evaluates Python code',
  distutils: 'writes files and runs commands',
  setuptools: 'writes files and runs commands',
  pip: 'installs packages',
  ensurepip: 'installs packages',
  venv: 'runs commands',
  _osx_support: 'runs commands',
  _aix_support: 'runs commands',
  signal: 'changes signal handlers',
  gc: 'reaches every object of the interpreter',
};

/** Single dangerous callables in modules that are otherwise fine. */
const DANGEROUS_NAMES: Record<string, string> = {
  'builtins.eval': 'evaluates Python code',
  'builtins.exec': 'executes Python code',
  'builtins.execfile': 'executes a Python file',
  'builtins.compile': 'compiles Python code',
  'builtins.open': 'opens files',
  'builtins.file': 'opens files',
  'builtins.getattr': 'reaches any attribute (gadget chains: getattr(os, "system"))',
  'builtins.setattr': 'changes any attribute',
  'builtins.delattr': 'deletes any attribute',
  'builtins.__import__': 'imports arbitrary modules',
  'builtins.globals': 'reaches the interpreter globals',
  'builtins.locals': 'reaches local variables',
  'builtins.vars': 'reaches object namespaces',
  'builtins.input': 'reads from standard input',
  'builtins.breakpoint': 'starts a debugger',
  'builtins.apply': 'calls any callable',
  'builtins.reload': 'reloads modules',
  'builtins.help': 'runs a pager command',
  'io.open': 'opens files',
  'io.FileIO': 'opens files',
  '_io.open': 'opens files',
  '_io.FileIO': 'opens files',
  'tempfile.mkstemp': 'creates files',
  'operator.attrgetter': 'reaches any attribute (gadget chains)',
  'operator.methodcaller': 'calls any method (gadget chains)',
  'operator.getitem': 'reaches into any mapping (gadget chains)',
  'functools.reduce': 'calls any callable repeatedly',
  'numpy.testing._private.utils.runstring': 'executes Python code',
  'numpy.load': 'loads another file, which may be a pickle',
  'numpy.lib.npyio.load': 'loads another file, which may be a pickle',
  'torch.load': 'loads another file as a pickle',
  'torch.serialization.load': 'loads another file as a pickle',
  'torch.hub.load': 'downloads and runs code',
  'torch.hub.load_state_dict_from_url': 'downloads files',
  'torch.hub._load_local': 'runs code from a folder',
  'torch.jit.load': 'loads another model file',
  'torch._inductor.codecache.compile_file': 'compiles and runs code',
  'joblib.load': 'loads another file as a pickle',
  'tensorflow.python.ops.gen_io_ops.read_file': 'reads files',
  'tensorflow.python.ops.gen_io_ops.write_file': 'writes files',
  'keras.utils.get_file': 'downloads files',
};

/** Attribute names that walk from any object to the interpreter's internals. */
const DUNDER_GADGETS =
  /(^|\.)__(globals|builtins|subclasses|class|bases|mro|base|code|closure|dict|getattribute|reduce|reduce_ex|init_subclass|loader|spec)__($|\.)/;

/** `__builtin__` -> `builtins`, `copy_reg` -> `copyreg` (as Python 3's unpickler does). */
export function normaliseModule(module: string): string {
  const mapped = PY2_MODULES[module];
  if (mapped) return mapped;
  const root = module.split('.')[0];
  return PY2_MODULES[root] ? PY2_MODULES[root] + module.slice(root.length) : module;
}

/** A `module.*` or exact `module.name` pattern from `allowed-globals`. */
export function matchesAllowed(full: string, patterns: readonly string[]): boolean {
  for (const p of patterns) {
    if (p === full) return true;
    if (p.endsWith('.*') && full.startsWith(p.slice(0, -1))) return true;
  }
  return false;
}

/** Judge `module.name` as a pickle names it (GLOBAL, STACK_GLOBAL, INST). */
export function judgeGlobal(module: string, name: string, allowed: readonly string[] = []): GlobalVerdict {
  const mod = normaliseModule(module);
  const full = `${mod}.${name}`;
  if (DUNDER_GADGETS.test(name) || DUNDER_GADGETS.test(mod))
    return { kind: 'dangerous', reason: 'walks to interpreter internals through a dunder attribute' };
  const named = DANGEROUS_NAMES[full];
  if (named) return { kind: 'dangerous', reason: named };
  // `find_class('builtins', 'getattr.__call__')` and friends: judge the first attribute too.
  const first = `${mod}.${name.split('.')[0]}`;
  if (DANGEROUS_NAMES[first]) return { kind: 'dangerous', reason: DANGEROUS_NAMES[first] };
  const parts = mod.split('.');
  for (let i = parts.length; i > 0; i--) {
    const prefix = parts.slice(0, i).join('.');
    const reason = DANGEROUS_MODULES[prefix];
    if (reason) return { kind: 'dangerous', reason };
  }
  if (SAFE_GLOBALS.has(full)) return { kind: 'safe' };
  if (matchesAllowed(full, allowed)) return { kind: 'safe' };
  return { kind: 'unknown' };
}
