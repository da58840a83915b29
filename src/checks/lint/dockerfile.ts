/**
 * Dockerfile rules, on the syntax tree of `dockerfile-ast` (the parser behind the VS Code Docker
 * extension): instructions with their real line ranges, flags, JSON vs shell form, line continuations and
 * the escape directive. The rules follow hadolint's (IDs in rules.ts); shell commands in `RUN` are split
 * on `&&`, `||`, `;` and `|` into simple commands, as hadolint's ShellCheck-based analysis does for the
 * cases these rules look at.
 */
import { DockerfileParser, type Instruction } from 'dockerfile-ast';

export interface DockerFinding {
  rule: string;
  line: number;
  message: string;
  /** Stable content key (the instruction text and what is wrong), for fingerprints. */
  key: string;
}

/** Files linted as Dockerfiles. */
export function isDockerfile(baseName: string): boolean {
  const n = baseName.toLowerCase();
  return (
    n === 'dockerfile' ||
    n === 'containerfile' ||
    n.startsWith('dockerfile.') ||
    n.endsWith('.dockerfile') ||
    n.endsWith('.containerfile')
  );
}

const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst)$/i;
const URL = /^(https?|ftp):\/\/|^git@/i;

/** The words of each simple command in a shell command line (quotes removed, no expansion). */
export function simpleCommands(script: string): string[][] {
  const commands: string[][] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  const endWord = () => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  const endCommand = () => {
    endWord();
    if (words.length) commands.push(words);
    words = [];
  };
  for (let i = 0; i < script.length; i++) {
    const c = script[i];
    if (c === "'" || c === '"') {
      const end = script.indexOf(c, i + 1);
      word += script.slice(i + 1, end < 0 ? script.length : end);
      inWord = true;
      i = end < 0 ? script.length : end;
    } else if (c === '\\' && i + 1 < script.length) {
      if (script[i + 1] !== '\n') word += script[i + 1];
      inWord = inWord || script[i + 1] !== '\n';
      i++;
    } else if (c === ';' || c === '\n' || c === '|' || c === '&' || c === '(' || c === ')') {
      endCommand();
    } else if (/\s/.test(c)) endWord();
    else {
      word += c;
      inWord = true;
    }
  }
  endCommand();
  // `sudo`, `env A=B` and leading assignments do not change which program runs.
  return commands.map((w) => {
    let k = 0;
    while (k < w.length && (/^[A-Za-z_][A-Za-z0-9_]*=/.test(w[k]) || w[k] === 'env' || w[k] === 'exec')) k++;
    return w.slice(k);
  });
}

const SECRET_NAME =
  /(^|_)(PASSWORD|PASSWD|PASSPHRASE|SECRET|SECRETS|TOKEN|APIKEY|API_KEY|ACCESS_KEY|SECRET_KEY|PRIVATE_KEY|CREDENTIALS?|AUTH)(_|$)/i;
const NOT_SECRET_SUFFIX = /_(FILE|PATH|DIR|URL|URI|NAME|ID|TYPE|ENDPOINT|HOST|PORT|ENABLED|LENGTH|SIZE)$/i;

/** `TOKEN`, `HF_TOKEN`, `DB_PASSWORD`: names that carry secrets (`TOKEN_FILE`, `AWS_ACCESS_KEY_ID` do not). */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !NOT_SECRET_SUFFIX.test(name);
}

function isPipInstall(w: string[]): number {
  // pip install, pip3 install, python -m pip install, python3.11 -m pip install, uv pip install
  let i = 0;
  if (/^python[0-9.]*$/.test(w[0] ?? '') && w[1] === '-m') i = 2;
  if (w[0] === 'uv' && w[1] === 'pip') i = 1;
  if (/^pip[0-9.]*$/.test(w[i] ?? '') && w[i + 1] === 'install') return i + 2;
  return -1;
}

/** Package arguments of `pip install` that are not pinned to one version. */
function unpinnedPipPackages(args: string[]): string[] {
  const out: string[] = [];
  const takesValue = new Set([
    '-r',
    '--requirement',
    '-c',
    '--constraint',
    '-e',
    '--editable',
    '-i',
    '--index-url',
    '--extra-index-url',
    '-f',
    '--find-links',
    '-t',
    '--target',
    '--prefix',
    '--root',
    '--platform',
    '--python-version',
    '--implementation',
    '--abi',
    '--trusted-host',
    '--src',
    '--upgrade-strategy',
    '--progress-bar',
    '--cache-dir',
    '--config-settings',
    '-C',
    '--global-option',
    '--no-binary',
    '--only-binary',
  ]);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('-')) {
      if (takesValue.has(a)) i++;
      continue;
    }
    if (/^(\.|\/|~|\$)|\.(whl|tar\.gz|zip)$|:\/\/|^git\+/.test(a)) continue; // paths, URLs, wheels
    if (/==|@/.test(a) && !/==[^,;]*\*/.test(a)) continue; // pinned (a wildcard is not)
    if (/^(pip|setuptools|wheel)$/i.test(a)) continue; // the installer itself
    out.push(a);
  }
  return out;
}

function text(instr: Instruction): string {
  return (instr.getArgumentsContent() ?? '').replace(/\s+/g, ' ').trim();
}

function isJsonForm(instr: Instruction): boolean {
  const raw = (instr.getArgumentsContent() ?? '').trim();
  if (!raw.startsWith('[')) return false;
  try {
    const v: unknown = JSON.parse(raw);
    return Array.isArray(v) && v.every((s) => typeof s === 'string');
  } catch {
    return false;
  }
}

function flagValues(instr: Instruction): string[] {
  const withFlags = instr as Instruction & {
    getFlags?: () => { getName(): string; getValue(): string | null }[];
  };
  return (withFlags.getFlags?.() ?? []).map((f) => `${f.getName()}=${f.getValue() ?? ''}`);
}

/** Every finding of the Dockerfile rules in one Dockerfile's text. */
export function lintDockerfile(source: string): DockerFinding[] {
  const out: DockerFinding[] = [];
  const dockerfile = DockerfileParser.parse(source);
  const instructions = dockerfile.getInstructions();
  const stageNames = new Set<string>();
  const froms = instructions.filter((i) => i.getKeyword() === 'FROM');
  const finalFrom = froms[froms.length - 1];
  const add = (rule: string, instr: Instruction, message: string, detail = '') =>
    out.push({
      rule,
      line: instr.getRange().start.line + 1,
      message,
      key: `${instr.getKeyword()} ${text(instr)}|${detail}`,
    });

  let inFinal = false;
  let cmds = 0;
  let entrypoints = 0;
  let pipNoCacheEnv = false;
  let lastUser: Instruction | undefined;
  let exposed: Instruction | undefined;
  let healthcheck = false;

  for (const instr of instructions) {
    const keyword = instr.getKeyword();
    switch (keyword) {
      case 'FROM': {
        inFinal = instr === finalFrom;
        cmds = 0;
        entrypoints = 0;
        lastUser = undefined;
        exposed = undefined;
        healthcheck = false;
        const from = instr as Instruction & {
          getImageName(): string | null;
          getImageTag(): string | null;
          getImageDigest(): string | null;
          getBuildStage(): string | null;
          getImage(): string | null;
        };
        const image = from.getImage() ?? '';
        const name = from.getImageName() ?? '';
        const tag = from.getImageTag();
        const digest = from.getImageDigest();
        const alias = from.getBuildStage();
        if (
          name &&
          name.toLowerCase() !== 'scratch' &&
          !stageNames.has(name.toLowerCase()) &&
          !image.includes('$')
        ) {
          if (!tag && !digest)
            add(
              'MCI201',
              instr,
              `FROM ${image} has no tag: it means "latest" and changes whenever the image is pushed; pin a version (and a digest)`,
            );
          else if (tag === 'latest' && !digest)
            add('MCI202', instr, `FROM ${image} uses the "latest" tag; pin a version (and a digest)`);
        }
        if (alias) stageNames.add(alias.toLowerCase());
        break;
      }
      case 'RUN': {
        const flags = flagValues(instr);
        const cacheMount = flags.some((f) => /^mount=.*type=cache/.test(f));
        const script = isJsonForm(instr)
          ? (JSON.parse((instr.getArgumentsContent() ?? '[]').trim()) as string[]).join(' ')
          : (instr.getArgumentsContent() ?? '');
        const commands = simpleCommands(script);
        const cleansLists = /rm\s+(-[a-zA-Z]+\s+)*\S*\/var\/lib\/apt\/lists/.test(script);
        for (const w of commands) {
          const prog = w[0] ?? '';
          if (prog === 'sudo') add('MCI214', instr, 'RUN uses sudo; use USER to change user instead', 'sudo');
          const c = prog === 'sudo' ? w.slice(1) : w;
          if (c[0] === 'cd')
            add(
              'MCI209',
              instr,
              `RUN changes folder with "cd ${c[1] ?? ''}"; use WORKDIR instead`,
              `cd ${c[1] ?? ''}`,
            );
          if ((c[0] === 'apt-get' || c[0] === 'apt') && c.includes('install')) {
            const opts = c.filter((x) => x.startsWith('-'));
            if (
              !opts.includes('--no-install-recommends') &&
              !c.some((x) => /APT::Install-Recommends=(false|0)/i.test(x))
            )
              add('MCI203', instr, `${c[0]} install without --no-install-recommends`, 'recommends');
            if (
              !opts.some(
                (o) =>
                  ['-y', '--yes', '--assume-yes', '-qq', '-q=2', '--quiet=2'].includes(o) ||
                  /^-[a-z]*y/.test(o),
              )
            )
              add('MCI212', instr, `${c[0]} install without -y: the build waits for an answer`, 'yes');
          }
          if (
            (c[0] === 'apt-get' || c[0] === 'apt') &&
            c[1] === 'update' &&
            inFinal &&
            !cleansLists &&
            !cacheMount
          )
            add(
              'MCI204',
              instr,
              'apt-get update without "rm -rf /var/lib/apt/lists/*" in the same RUN',
              'lists',
            );
          const pip = isPipInstall(c);
          if (pip >= 0) {
            const args = c.slice(pip);
            if (!args.includes('--no-cache-dir') && !pipNoCacheEnv && !cacheMount)
              add(
                'MCI205',
                instr,
                'pip install without --no-cache-dir keeps the download cache in the image',
                'cache',
              );
            const loose = unpinnedPipPackages(args);
            if (loose.length)
              add(
                'MCI213',
                instr,
                `pip install of ${loose.join(', ')} without a pinned version (use package==version)`,
                loose.join(','),
              );
          }
        }
        break;
      }
      case 'CMD':
      case 'ENTRYPOINT': {
        if (keyword === 'CMD') cmds++;
        else entrypoints++;
        if ((keyword === 'CMD' ? cmds : entrypoints) > 1)
          add(
            'MCI215',
            instr,
            `more than one ${keyword} in this stage; only the last one takes effect (hadolint ${keyword === 'CMD' ? 'DL4003' : 'DL4004'})`,
            'multiple',
          );
        if (!isJsonForm(instr))
          add(
            'MCI206',
            instr,
            `${keyword} in shell form runs under /bin/sh and does not receive SIGTERM; use the JSON form ${keyword} ["…", "…"]`,
          );
        break;
      }
      case 'USER':
        lastUser = instr;
        break;
      case 'ADD': {
        const args = instr.getArguments().map((a) => a.getValue());
        const sources = args.slice(0, -1).filter((s) => !s.startsWith('--'));
        const local = sources.filter((s) => !URL.test(s) && !ARCHIVE.test(s));
        if (local.length)
          add('MCI208', instr, `ADD of ${local.join(', ')}: use COPY for files and folders`, local.join(','));
        break;
      }
      case 'ARG':
      case 'ENV': {
        const props = (
          instr as Instruction & { getProperties?: () => { getName(): string }[] }
        ).getProperties?.();
        for (const p of props ?? []) {
          const name = p.getName();
          if (isSecretName(name))
            add(
              'MCI210',
              instr,
              `${keyword} ${name} holds a secret: build arguments and environment values are stored in the image; use a BuildKit secret mount`,
              name,
            );
          if (keyword === 'ENV' && /^PIP_NO_CACHE_DIR$/i.test(name)) pipNoCacheEnv = true;
        }
        break;
      }
      case 'EXPOSE':
        exposed ??= instr;
        break;
      case 'HEALTHCHECK':
        healthcheck = true;
        break;
    }
  }
  if (finalFrom) {
    if (lastUser) {
      const user = text(lastUser).split(':')[0];
      if (user === 'root' || user === '0')
        add(
          'MCI207',
          lastUser,
          'the image ends as USER root; switch to an unprivileged user at the end',
          'root',
        );
    }
    if (exposed && !healthcheck)
      add('MCI211', exposed, 'the image exposes a port but has no HEALTHCHECK', 'healthcheck');
  }
  return out;
}
