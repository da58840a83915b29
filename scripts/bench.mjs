// `npm run bench [-- name... --repeat N]`: model-ci side by side with the reference tools (pandas, scipy,
// scikit-learn; the python at $BENCH_PYTHON, default /usr/bin/python3) in the same run, each pair measured
// back to back. Prints a markdown table and writes bench-results.json (every sample).
//
// Benchmarks: drift, drift-sharded, profile, check, metrics, bootstrap, kstwo, smoke, startup, image, lint
// (default: all, ~15–20 minutes; the first run also generates ~3.5 GB of data into .cache/bench/, reused
// afterwards).
// Our side runs as bench/ours.ts bundled with ncc into .cache/bench/ours/ (rebuilt when src/ changes)
// or as the built CLI / action bundles in dist/ (rebuilt with scripts/build.mjs when older than src/).
// Times are the best of the repeats (the machine may be shared; best-of is the least noisy estimate),
// peak RSS the median; every sample is kept in bench-results.json.
import ncc from '@vercel/ncc';
import { setTimeout } from 'node:timers';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNode24 } from './node24.mjs';
import { writeWorkersFor } from './worker-files.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// BENCH_CACHE: another data directory (e.g. a small data set to try a change to this script).
const cache = process.env.BENCH_CACHE ?? join(root, '.cache', 'bench');
const PY = process.env.BENCH_PYTHON ?? '/usr/bin/python3';
const TIME = '/usr/bin/time';
const ALL = [
  'drift',
  'drift-sharded',
  'profile',
  'check',
  'metrics',
  'bootstrap',
  'kstwo',
  'smoke',
  'startup',
  'image',
  'lint',
];

const argv = process.argv.slice(2);
let repeatOverride;
const names = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--repeat') repeatOverride = Number(argv[++i]);
  else if (argv[i] === '--help' || argv[i] === '-h') {
    console.log(`usage: node scripts/bench.mjs [${ALL.join('|')}]... [--repeat N]`);
    process.exit(0);
  } else if (ALL.includes(argv[i])) names.push(argv[i]);
  else {
    console.error(`unknown benchmark "${argv[i]}"; known: ${ALL.join(', ')}`);
    process.exit(2);
  }
}
const selected = names.length ? names : ALL;
const repeats = (dflt) => repeatOverride ?? dflt;
mkdirSync(cache, { recursive: true });

// ---------------------------------------------------------------- builds and data

function newest(dir, exts = ['.ts', '.mjs', '.js', '.json']) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newest(p, exts));
    else if (exts.some((x) => e.name.endsWith(x))) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}
const mtime = (f) => (existsSync(f) ? statSync(f).mtimeMs : 0);
const srcTime = newest(join(root, 'src'));

const oursDir = join(cache, 'ours');
const oursBundle = join(oursDir, 'index.js');
async function ensureOurs() {
  if (mtime(oursBundle) > Math.max(srcTime, mtime(join(root, 'bench', 'ours.ts')))) return;
  const started = Date.now();
  const { code, assets } = await ncc(join(root, 'bench', 'ours.ts'), {
    minify: false,
    sourceMap: false,
    transpileOnly: true,
    quiet: true,
    target: 'es2022',
    esm: true,
    cache: false,
  });
  rmSync(oursDir, { recursive: true, force: true });
  mkdirSync(oursDir, { recursive: true });
  writeFileSync(oursBundle, code);
  // Code-split chunks (the model runtimes are imported lazily) and the package.json that makes them ESM.
  const codes = [code];
  for (const [file, { source }] of Object.entries(assets ?? {})) {
    mkdirSync(dirname(join(oursDir, file)), { recursive: true });
    writeFileSync(join(oursDir, file), source);
    if (file.endsWith('.js')) codes.push(String(source));
  }
  // The worker threads (CSV reader, sorts), as in dist/ (scripts/worker-files.mjs).
  await writeWorkersFor(oursDir, codes);
  if (!existsSync(join(oursDir, 'package.json')))
    writeFileSync(join(oursDir, 'package.json'), '{"type":"module"}\n');
  log(`built .cache/bench/ours/index.js (${Date.now() - started} ms)`);
}

function ensureDist(bundles) {
  const stale = bundles.filter((b) => mtime(join(root, 'dist', b, 'index.js')) < srcTime);
  if (!stale.length) return;
  log(`dist/{${stale.join(',')}} older than src/: node scripts/build.mjs ${stale.join(' ')}`);
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), ...stale], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('build failed');
}

function ensureData(kind) {
  const r = spawnSync(PY, [join(root, 'bench', 'gen.py'), kind, cache], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`generating ${kind} data failed`);
}

// ---------------------------------------------------------------- measuring

function log(msg) {
  process.stderr.write(`[bench] ${msg}\n`);
}

/**
 * Run a command under /usr/bin/time: wall seconds (hrtime around the child), user+sys CPU seconds, peak
 * RSS (MB) and the last JSON line it printed.
 */
function measure(cmd, args, { cwd = cache, env = process.env } = {}) {
  const timeFile = join(tmpdir(), `bench-time-${process.pid}-${Math.random().toString(36).slice(2)}`);
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(TIME, ['-f', '%e %U %S %M', '-o', timeFile, cmd, ...args], { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const wall = Number(process.hrtime.bigint() - start) / 1e9;
      const fields = readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
      rmSync(timeFile, { force: true });
      const line = stdout
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .pop();
      let json = null;
      try {
        json = line ? JSON.parse(line) : null;
      } catch {
        json = null;
      }
      resolve({
        code,
        wall,
        cpu: fields[1] + fields[2],
        rssMb: fields[3] / 1024,
        json,
        stdout: stdout.slice(-2000),
        stderr: stderr.slice(-2000),
      });
    });
  });
}

function check(run, what) {
  if (run.code !== 0 && run.code !== 1) throw new Error(`${what} exited ${run.code}: ${run.stderr}`);
  return run;
}

const min = (xs) => Math.min(...xs);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Run ours and the reference back to back `n` times; collect the runs. */
async function pairs(n, ours, reference, label) {
  const o = [];
  const r = [];
  for (let i = 0; i < n; i++) {
    o.push(check(await ours(), `${label} (ours)`));
    r.push(check(await reference(), `${label} (reference)`));
    log(
      `${label} #${i + 1}: ours ${o[i].wall.toFixed(2)} s (${o[i].json?.seconds?.toFixed?.(3) ?? '-'} timed), ` +
        `reference ${r[i].wall.toFixed(2)} s (${r[i].json?.seconds?.toFixed?.(3) ?? '-'} timed)`,
    );
  }
  return { ours: o, reference: r };
}

const rows = [];
const raw = {};
function row(
  benchmark,
  ours,
  reference,
  { target, unit = 's', oursRss, refRss, note = '', lowerIsBetter = true } = {},
) {
  const ratio = reference ? ours / reference : null;
  rows.push({ benchmark, ours, reference, unit, ratio, target, oursRss, refRss, note, lowerIsBetter });
}

// ---------------------------------------------------------------- benchmarks

const py =
  (...a) =>
  () =>
    measure(PY, [join(root, 'bench', 'reference.py'), ...a]);
const ours =
  (...a) =>
  () =>
    measure(process.execPath, [oursBundle, ...a]);
/** The built CLI writing its result to `out` (in .cache/bench): the run counts only if it wrote it. */
const cli =
  (out, ...a) =>
  async () => {
    rmSync(join(cache, out), { force: true });
    const run = await measure(process.execPath, [join(root, 'dist', 'cli', 'index.js'), ...a, '--out', out]);
    let result = null;
    try {
      result = JSON.parse(readFileSync(join(cache, out), 'utf8'));
    } catch {
      result = null;
    }
    if (!result?.summary)
      throw new Error(`model-ci ${a[0]} wrote no result (exit ${run.code}): ${run.stderr}`);
    return { ...run, json: { summary: result.summary } };
  };
const seconds = (runs) => runs.map((r) => r.json.seconds);
const field = (runs, k) => runs.map((r) => r.json[k]);
const rss = (runs) => median(runs.map((r) => r.rssMb));

const benches = {
  async drift() {
    ensureData('drift');
    ensureDist(['cli']);
    const n = repeats(3);
    const e2e = await pairs(
      n,
      cli('drift-out.json', 'drift', '--reference', 'reference.csv', '--current', 'current.csv', '--quiet'),
      py('drift', 'reference.csv', 'current.csv'),
      'drift end to end',
    );
    const inproc = await pairs(
      n,
      ours('drift', 'reference.csv', 'current.csv'),
      py('drift', 'reference.csv', 'current.csv'),
      'drift timed',
    );
    raw.drift = { e2e, inproc };
    const result = JSON.parse(readFileSync(join(cache, 'drift-out.json'), 'utf8'));
    const cols = result.details.columns;
    const blocks = cols.map(
      (c) =>
        `${c.name}:${['ks', 'wasserstein', 'js', 'psi', 'chi2'].filter((b) => c[b] !== undefined).join('+')}`,
    );
    row(
      'drift, end to end (process wall: CLI vs python)',
      min(e2e.ours.map((r) => r.wall)),
      min(e2e.reference.map((r) => r.wall)),
      {
        target: 0.33,
        oursRss: rss(e2e.ours),
        refRss: rss(e2e.reference),
        note: `1M rows × 10 cols ×2 files; ${result.summary}`,
      },
    );
    row(
      'drift, timed (read + stats, no interpreter start-up)',
      min(seconds(inproc.ours)),
      min(seconds(inproc.reference)),
      {
        target: 0.33,
        oursRss: rss(inproc.ours),
        refRss: rss(inproc.reference),
      },
    );
    row(
      '  of which: read both CSVs',
      min(field(inproc.ours, 'read_seconds')),
      min(field(inproc.reference, 'read_seconds')),
      {
        note: 'src/data readers vs pandas.read_csv',
      },
    );
    row(
      '  of which: statistics, every column',
      min(field(inproc.ours, 'stats_seconds')),
      min(inproc.reference.map((r) => r.json.seconds - r.json.read_seconds)),
      {
        note: 'sort + KS/Wasserstein/JS/PSI (numeric), JS/chi² (categorical)',
      },
    );
    raw.drift.blocks = blocks;
    log(`drift blocks per column: ${blocks.join(' ')}`);
  },

  async profile() {
    ensureData('profile');
    ensureDist(['cli']);
    const n = repeats(2);
    const hasCli =
      spawnSync(process.execPath, [join(root, 'dist', 'cli', 'index.js'), 'data', 'profile', '--help'], {
        stdio: 'ignore',
      }).status === 0;
    const probe = await ours('profile', 'profile.csv')();
    if (probe.json?.unavailable) {
      row('profile 5M rows', null, null, { note: `not available: ${probe.json.unavailable}` });
      return;
    }
    const e2eOurs = hasCli
      ? cli('profile-out.json', 'data', 'profile', '--data', 'profile.csv', '--quiet')
      : ours('profile', 'profile.csv');
    const runs = await pairs(n, e2eOurs, py('profile', 'profile.csv'), 'profile');
    const inproc = hasCli
      ? await pairs(1, ours('profile', 'profile.csv'), py('profile', 'profile.csv'), 'profile timed')
      : runs;
    raw.profile = { runs, inproc, via: hasCli ? 'cli' : 'bench/ours.ts' };
    row(
      `profile, end to end (process wall: ${hasCli ? 'CLI data profile' : 'readTable+profileTable'} vs python)`,
      min(runs.ours.map((r) => r.wall)),
      min(runs.reference.map((r) => r.wall)),
      {
        target: 0.5,
        oursRss: rss(runs.ours),
        refRss: rss(runs.reference),
        note: `5M rows × 10 cols; memory target ≤ 1× pandas (RSS ratio ${(rss(runs.ours) / rss(runs.reference)).toFixed(2)})`,
      },
    );
    row('profile, timed (read + profile)', min(seconds(inproc.ours)), min(seconds(inproc.reference)), {
      target: 0.5,
      oursRss: rss(inproc.ours),
      refRss: rss(inproc.reference),
    });
    row(
      '  of which: read the CSV',
      min(field(inproc.ours, 'read_seconds')),
      min(field(inproc.reference, 'read_seconds')),
    );
    row(
      '  of which: profile',
      min(field(inproc.ours, 'stats_seconds')),
      min(inproc.reference.map((r) => r.json.seconds - r.json.read_seconds)),
    );
  },

  async metrics() {
    ensureData('metrics');
    const runs = await pairs(
      repeats(3),
      ours('metrics', 'labels.f64', 'scores.f64'),
      py('metrics', 'labels.f64', 'scores.f64'),
      'metrics',
    );
    raw.metrics = runs;
    const o = runs.ours[0].json;
    const r = runs.reference[0].json;
    row(
      'binary metrics, 5M rows (AUC, log loss, acc/P/R/F1)',
      min(seconds(runs.ours)),
      min(seconds(runs.reference)),
      {
        target: 0.5,
        oursRss: rss(runs.ours),
        refRss: rss(runs.reference),
        note: `|ΔAUC| ${Math.abs(o.roc_auc - r.roc_auc).toExponential(1)}, |Δlog loss| ${Math.abs(o.log_loss - r.log_loss).toExponential(1)}`,
      },
    );
  },

  async bootstrap() {
    ensureData('bootstrap');
    const runs = await pairs(
      repeats(1),
      ours('bootstrap', 'boot_labels.f64', 'boot_a.f64', 'boot_b.f64', '1000'),
      py('bootstrap', 'boot_labels.f64', 'boot_a.f64', 'boot_b.f64', '1000'),
      'bootstrap',
    );
    raw.bootstrap = runs;
    const o = runs.ours[0].json;
    const r = runs.reference[0].json;
    row(
      'bootstrap AUC delta, 1000 resamples × 100k rows',
      min(seconds(runs.ours)),
      min(seconds(runs.reference)),
      {
        oursRss: rss(runs.ours),
        refRss: rss(runs.reference),
        note: `interval ours [${o.low.toFixed(4)}, ${o.high.toFixed(4)}], python [${r.low.toFixed(4)}, ${r.high.toFixed(4)}] (different RNGs)`,
      },
    );
  },

  async kstwo() {
    const args = ['500000', '0.0025', '0.005', '0.01', '0.02'];
    const runs = await pairs(repeats(3), ours('kstwo', ...args), py('kstwo', ...args), 'kstwo');
    raw.kstwo = runs;
    const o = runs.ours[0].json.values;
    const r = runs.reference[0].json.values;
    const rel = Math.max(...o.map((v, i) => Math.abs(v / r[i] - 1)));
    row(
      'KS p-value, smirnov branch (kstwo.sf, n=5e5, 4 values of D)',
      min(seconds(runs.ours)),
      min(seconds(runs.reference)),
      {
        note: `a mildly drifted 1M-row column pays this once; max rel. diff to scipy ${rel.toExponential(1)}`,
      },
    );
  },

  async smoke() {
    const model = join(root, 'workflows-examples', 'demo', 'model', 'model.json');
    const n = repeats(2);
    const res = {};
    for (const backend of ['wasm', 'cpu']) {
      res[backend] = [];
      for (let i = 0; i < n; i++) {
        const r = check(await ours('smoke', model, backend, '200', '3')(), `smoke ${backend}`);
        res[backend].push(r);
        log(
          `smoke ${backend} #${i + 1}: harness p50 ${r.json.harness_p50_ms.toFixed(4)} ms, direct p50 ${r.json.direct_p50_ms.toFixed(4)} ms`,
        );
      }
    }
    raw.smoke = res;
    for (const backend of ['wasm', 'cpu']) {
      const runs = res[backend];
      const rounds = (k) => runs.flatMap((r) => r.json.rounds[k]);
      row(
        `smoke p50 at batch 1, harness vs bare run() loop (${backend})`,
        median(rounds('harness')),
        median(rounds('direct')),
        {
          unit: 'ms',
          target: 1.05,
          note: `demo TF.js model, 200 timed runs; median of ${rounds('harness').length} alternated rounds; backend ${runs[0].json.backend}`,
        },
      );
    }
    const all = (b, k) => median(res[b].flatMap((r) => r.json.rounds[k]));
    row('smoke p50 at batch 1: wasm vs cpu', all('wasm', 'harness'), all('cpu', 'harness'), { unit: 'ms' });
    row('smoke throughput at batch 32: wasm vs cpu', all('wasm', 'throughput'), all('cpu', 'throughput'), {
      unit: 'rows/s',
      lowerIsBetter: false,
    });
  },

  async startup() {
    ensureDist(['drift', 'gate']);
    const node = ensureNode24();
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !k.startsWith('INPUT_') && !k.startsWith('GITHUB_')),
    );
    const n = repeats(7);
    raw.startup = {};
    for (const bundle of ['drift', 'gate']) {
      const first = [];
      const exit = [];
      for (let i = 0; i < n; i++) {
        const t = await firstOutput(node, [join(root, 'dist', bundle, 'index.js')], env);
        first.push(t.first);
        exit.push(t.exit);
      }
      raw.startup[bundle] = { first, exit };
      row(
        `action start-up, dist/${bundle} (Node 24, no inputs): first output line`,
        median(first) * 1000,
        null,
        {
          unit: 'ms',
          target: '< 300 ms',
          note: `median of ${n}; exit after ${(median(exit) * 1000).toFixed(0)} ms`,
        },
      );
    }
  },

  image: imageBench,
  'drift-sharded': driftShardedBench,
  check: checkBench,
};

/**
 * Drift at 10⁷ rows per side (issue 16): row-level `model-ci drift` on one runner against the sharded flow
 * a matrix runs — 8 `data profile` jobs (4 shard files per side, 2.5M rows each), `data merge` per side and
 * `drift --reference-profile --current-profile` — measured job by job on this machine (one at a time: each
 * job's time is what one runner of a matrix would spend). Critical path = the slowest profile job + both
 * merges + drift from the profiles (the final job of sharded-drift.yml); serial total = every job in a row.
 * Also one `data profile --shard 0/4` job on the single 10⁷-row file (each such job reads the whole file),
 * and the reference: scipy ks_2samp + wasserstein_distance (+ chi-square) on the full arrays after
 * pandas.read_csv (Evidently is not installed here; this is the core of its row-level work).
 */
async function driftShardedBench() {
  ensureData('drift10m');
  ensureDist(['cli']);
  const n = repeats(1);
  const d = 'drift10m';
  const sides = ['reference', 'current'];
  const K = [200, 2000]; // the default sketch size, and the larger one an undecided verdict asks for
  const res = { rows: [], python: [], shardFlag: [], flows: Object.fromEntries(K.map((k) => [k, []])) };
  const best = (runs) => runs.reduce((a, b) => (b.wall < a.wall ? b : a));
  /** 8 profile jobs, 2 merges, drift from the merged profiles, with sketch size k. */
  const sharded = async (k) => {
    const p = `d10-k${k}`;
    const jobs = {};
    for (const side of sides)
      for (let i = 0; i < 4; i++)
        jobs[`${side}-${i}`] = check(
          await cli(
            `${p}-${side}-${i}.json`,
            'data',
            'profile',
            '--data',
            `${d}/${side}-${i}.csv`,
            '--sketch-k',
            String(k),
            '--quiet',
          )(),
          `data profile ${side}-${i} (k ${k})`,
        );
    const merges = {};
    for (const side of sides)
      merges[side] = check(
        await cli(
          `${p}-${side}-profile.json`,
          'data',
          'merge',
          ...[0, 1, 2, 3].map((i) => `${p}-${side}-${i}.json`),
          '--quiet',
        )(),
        `data merge ${side} (k ${k})`,
      );
    const fromProfiles = check(
      await cli(
        `${p}-drift.json`,
        'drift',
        '--reference-profile',
        `${p}-reference-profile.json`,
        '--current-profile',
        `${p}-current-profile.json`,
        '--quiet',
      )(),
      `drift from profiles (k ${k})`,
    );
    const walls = Object.values(jobs).map((j) => j.wall);
    const merge = merges.reference.wall + merges.current.wall;
    const tail = merge + fromProfiles.wall;
    log(
      `drift-sharded k ${k}: profile jobs ${walls.map((w) => w.toFixed(1)).join('/')} s, merges ` +
        `${merge.toFixed(2)} s, drift from profiles ${fromProfiles.wall.toFixed(2)} s`,
    );
    return {
      jobs,
      merges,
      fromProfiles,
      critical: Math.max(...walls) + tail,
      serial: walls.reduce((a, b) => a + b, 0) + tail,
      maxJob: Math.max(...walls),
      meanJob: walls.reduce((a, b) => a + b, 0) / walls.length,
      merge,
      jobRss: Math.max(...Object.values(jobs).map((j) => j.rssMb)),
      jobCpu: Object.values(jobs).reduce((a, j) => a + j.cpu, 0),
      tailRss: Math.max(merges.reference.rssMb, merges.current.rssMb, fromProfiles.rssMb),
    };
  };
  for (let r = 0; r < n; r++) {
    res.rows.push(
      check(
        await cli(
          'd10-rows.json',
          'drift',
          '--reference',
          `${d}/reference.csv`,
          '--current',
          `${d}/current.csv`,
          '--quiet',
        )(),
        'drift (rows, 10M)',
      ),
    );
    res.python.push(
      check(await py('drift_rows', `${d}/reference.csv`, `${d}/current.csv`)(), 'scipy drift (rows, 10M)'),
    );
    for (const k of K) res.flows[k].push(await sharded(k));
    res.shardFlag.push(
      check(
        await cli(
          'd10-shard-flag.json',
          'data',
          'profile',
          '--data',
          `${d}/reference.csv`,
          '--shard',
          '0/4',
          '--quiet',
        )(),
        'data profile --shard 0/4',
      ),
    );
    log(
      `drift-sharded #${r + 1}: rows ${res.rows[r].wall.toFixed(1)} s, scipy ${res.python[r].wall.toFixed(1)} s, ` +
        `--shard 0/4 ${res.shardFlag[r].wall.toFixed(1)} s`,
    );
  }
  const rowsRun = best(res.rows);
  const pyRun = best(res.python);
  const rowsResult = JSON.parse(readFileSync(join(cache, 'd10-rows.json'), 'utf8'));
  const byName = new Map(rowsResult.details.columns.map((c) => [c.name, c]));
  const sizeMb = (f) => statSync(join(cache, f)).size / 1e6;
  raw['drift-sharded'] = { rows: res.rows, python: res.python, shardFlag: res.shardFlag, flows: {} };
  row(
    `drift ${(rowsResult.details.reference_rows / 1e6).toPrecision(3)}M rows/side: row-level CLI on one runner vs scipy on the full arrays`,
    rowsRun.wall,
    pyRun.wall,
    {
      oursRss: rowsRun.rssMb,
      refRss: pyRun.rssMb,
      note: `${sizeMb(`${d}/reference.csv`).toFixed(0)} + ${sizeMb(`${d}/current.csv`).toFixed(0)} MB CSV, 6 cols; ${rowsResult.summary}; CPU (user+sys) ${rowsRun.cpu.toFixed(1)} vs ${pyRun.cpu.toFixed(1)} s; scipy: ks_2samp + wasserstein + chi² after read_csv (no Evidently here)`,
    },
  );
  for (const k of K) {
    // The best run (best-of on a shared machine, as elsewhere); its result files are the last run's.
    const flow = res.flows[k].reduce((a, b) => (b.critical < a.critical ? b : a));
    const profResult = JSON.parse(readFileSync(join(cache, `d10-k${k}-drift.json`), 'utf8'));
    // Verdicts per column against the row-level ones, with the statistic and its stated interval.
    const comparison = profResult.details.columns.map((p) => {
      const c = byName.get(p.name) ?? {};
      return {
        column: p.name,
        test: p.test,
        rows: { value: c.value, drifted: c.drifted },
        profiles: {
          value: p.value,
          drifted: p.drifted,
          undecided: p.undecided ?? false,
          bounds: p.value_bounds,
        },
        ks:
          p.ks && c.ks
            ? { rows: c.ks.statistic, profiles: p.ks.statistic, bounds: p.ks.approximation?.bounds }
            : undefined,
      };
    });
    const undecided = comparison.filter((x) => x.profiles.undecided).map((x) => x.column);
    const disagree = comparison
      .filter((x) => !x.profiles.undecided && x.rows.drifted !== x.profiles.drifted)
      .map((x) => x.column);
    if (disagree.length)
      log(`!!! drift from profiles (k ${k}) DISAGREES with row-level drift on: ${disagree.join(', ')} !!!`);
    const within = comparison.filter(
      (x) =>
        !x.profiles.bounds ||
        (x.rows.value >= x.profiles.bounds[0] - 1e-12 && x.rows.value <= x.profiles.bounds[1] + 1e-12),
    ).length;
    raw['drift-sharded'].flows[k] = { runs: res.flows[k], comparison };
    row(
      `  sharded k ${k}, critical path (4+4 runners): slowest profile job + 2 merges + drift from profiles`,
      flow.critical,
      rowsRun.wall,
      {
        oursRss: flow.jobRss,
        refRss: rowsRun.rssMb,
        note: `vs row-level model-ci; ${profResult.summary}; row-level value inside the stated interval on ${within}/${comparison.length}; decided verdicts equal on ${comparison.length - undecided.length - disagree.length}/${comparison.length - undecided.length}${disagree.length ? ` — DISAGREE: ${disagree.join(', ')}` : ''}`,
      },
    );
    row(`  sharded k ${k}, serial total (8 profile jobs + 2 merges + drift)`, flow.serial, rowsRun.wall, {
      oursRss: flow.jobRss,
      refRss: rowsRun.rssMb,
      note: 'vs row-level model-ci: the total runner time a matrix bills',
    });
    row(`  k ${k}: one profile job, 2.5M-row shard file (mean of 8)`, flow.meanJob, null, {
      oursRss: flow.jobRss,
      note: `slowest ${flow.maxJob.toFixed(2)} s; RSS = the largest job's peak; CPU (user+sys) of the 8 jobs ${flow.jobCpu.toFixed(1)} s`,
    });
    row(
      `  k ${k}: 2 × data merge (4 profiles each) + drift from the merged profiles`,
      flow.merge + flow.fromProfiles.wall,
      null,
      {
        oursRss: flow.tailRss,
        note: `merges ${flow.merge.toFixed(2)} s, drift ${flow.fromProfiles.wall.toFixed(2)} s; merged profiles ${sizeMb(`d10-k${k}-reference-profile.json`).toFixed(2)} + ${sizeMb(`d10-k${k}-current-profile.json`).toFixed(2)} MB`,
      },
    );
  }
  const shardRun = best(res.shardFlag);
  const k200 = res.flows[200].reduce((a, b) => (b.critical < a.critical ? b : a));
  row(
    '  variant: data profile --shard 0/4 of the single 10M-row file (one job, k 200)',
    shardRun.wall,
    k200.meanJob,
    {
      oursRss: shardRun.rssMb,
      refRss: k200.jobRss,
      note: 'vs one job on its own shard file: every --shard job parses the whole file',
    },
  );
}

/**
 * `data check` on 5M orders × 10 columns with bench/orders-suite.yml (issue 17; 53 expectations: row
 * conditions, dates as text, column pairs, mostly, regexes, sets, aggregates, one broken) against the same
 * suite as vectorised pandas (bench/orders_pandas.py, GX's pandas-engine semantics). Both sides must agree on
 * the success of every expectation: a mismatch is printed loudly and noted in the table.
 */
async function checkBench() {
  ensureData('orders');
  ensureDist(['cli']);
  const suite = join(root, 'bench', 'orders-suite.yml');
  const n = repeats(2);
  const e2e = await pairs(
    n,
    cli('check-out.json', 'data', 'check', '--data', 'orders.csv', '--suite', suite, '--quiet'),
    py('check', 'orders.csv'),
    'check end to end',
  );
  const inproc = await pairs(1, ours('check', 'orders.csv', suite), py('check', 'orders.csv'), 'check timed');
  const result = JSON.parse(readFileSync(join(cache, 'check-out.json'), 'utf8'));
  const cliSuccess = result.details.results.map((r) => r.success);
  const pandas = e2e.reference[0].json;
  const mismatches = [];
  const compare = (side, success) => {
    if (success.length !== pandas.success.length)
      mismatches.push(`${side}: ${success.length} results, pandas ${pandas.success.length}`);
    success.forEach((s, i) => {
      if (s !== pandas.success[i])
        mismatches.push(`${side} #${i} ${pandas.types[i]}: model-ci ${s}, pandas ${pandas.success[i]}`);
    });
  };
  compare('CLI', cliSuccess);
  compare('in-process', inproc.ours[0].json.success);
  if (mismatches.length) {
    log('!!!!!!!! data check and pandas DISAGREE on expectations:');
    for (const m of mismatches) log(`!!! ${m}`);
  } else log(`check: model-ci and pandas agree on all ${pandas.success.length} expectations`);
  raw.check = { e2e, inproc, mismatches };
  const agreement = mismatches.length
    ? `MISMATCH on ${mismatches.length}: ${mismatches.slice(0, 3).join('; ')}`
    : `success agrees on all ${pandas.success.length} expectations`;
  row(
    'data check, end to end (CLI vs python read_csv + pandas suite)',
    min(e2e.ours.map((r) => r.wall)),
    min(e2e.reference.map((r) => r.wall)),
    {
      target: 0.5,
      oursRss: rss(e2e.ours),
      refRss: rss(e2e.reference),
      note: `5M rows × 10 cols, ${pandas.success.length} expectations; ${result.summary}; ${agreement}; CPU (user+sys) ${min(e2e.ours.map((r) => r.cpu)).toFixed(1)} vs ${min(e2e.reference.map((r) => r.cpu)).toFixed(1)} s`,
    },
  );
  row('data check, timed (read + evaluate)', min(seconds(inproc.ours)), min(seconds(inproc.reference)), {
    target: 0.5,
    oursRss: rss(inproc.ours),
    refRss: rss(inproc.reference),
  });
  row(
    '  of which: read the CSV',
    min(field(inproc.ours, 'read_seconds')),
    min(field(inproc.reference, 'read_seconds')),
    {
      note: 'readTableForSuite vs pandas.read_csv',
    },
  );
  row(
    '  of which: evaluate the suite',
    min(field(inproc.ours, 'check_seconds')),
    min(inproc.reference.map((r) => r.json.seconds - r.json.read_seconds)),
  );
}

/**
 * secretlint (npm) is the reference for the credentials part of `lint`: installed on first use into
 * .cache/bench/secretlint at pinned versions (no reference for hadolint or picklescan installs here: the
 * former is a Haskell binary, the latter a PyPI package, and only npm and Debian are reachable).
 */
const SECRETLINT = { secretlint: '13.0.6', '@secretlint/secretlint-rule-preset-recommend': '13.0.7' };
function ensureSecretlint() {
  const dir = join(cache, 'secretlint');
  const bin = join(dir, 'node_modules', 'secretlint', 'bin', 'secretlint.js');
  if (!existsSync(bin)) {
    log('installing secretlint for the lint benchmark (npm, pinned)');
    const r = spawnSync(
      'npm',
      [
        'install',
        '--no-save',
        '--no-audit',
        '--no-fund',
        '--prefix',
        dir,
        ...Object.entries(SECRETLINT).map(([k, v]) => `${k}@${v}`),
      ],
      { stdio: 'inherit' },
    );
    if (r.status !== 0 || !existsSync(bin)) return null;
  }
  const rc = join(dir, 'secretlintrc.json');
  writeFileSync(rc, '{"rules":[{"id":"@secretlint/secretlint-rule-preset-recommend"}]}\n');
  return { bin, rc };
}

benches.lint = async () => {
  const repo = join(cache, 'lint-repo');
  const gen = spawnSync(process.execPath, [join(root, 'bench', 'lint-repo.mjs'), repo], { stdio: 'inherit' });
  if (gen.status !== 0) throw new Error('generating the lint repository failed');
  ensureDist(['cli']);
  const n = repeats(3);
  const ours = [];
  for (let i = 0; i < n; i++) {
    ours.push(check(await cli('lint-out.json', 'lint', '--path', 'lint-repo', '--quiet')(), 'lint'));
    log(
      `lint #${i + 1}: ${ours[i].wall.toFixed(2)} s wall, ${ours[i].cpu.toFixed(2)} s CPU, ${ours[i].rssMb.toFixed(0)} MB`,
    );
  }
  const result = JSON.parse(readFileSync(join(cache, 'lint-out.json'), 'utf8'));
  const secrets = Object.entries(result.details.rules)
    .filter(([id]) => id.startsWith('MCI5'))
    .reduce((a, [, r]) => a + r.count, 0);
  raw.lint = { ours, rules: result.details.rules };
  row('lint, 10 000 files + 660 MB of weights (CLI end to end)', min(ours.map((r) => r.wall)), null, {
    target: '< 5 s',
    oursRss: rss(ours),
    refRss: NaN,
    note: `${result.summary}; CPU (user+sys) ${min(ours.map((r) => r.cpu)).toFixed(2)} s; load ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`,
  });
  const ref = ensureSecretlint();
  if (!ref) {
    row('  credentials: secretlint', null, null, { note: 'secretlint could not be installed: no reference' });
    return;
  }
  const sl = check(
    await measure(process.execPath, [ref.bin, '--secretlintrc', ref.rc, '--no-color', '**/*'], { cwd: repo }),
    'secretlint',
  );
  const found = /✖ (\d+) problems?/.exec(sl.stdout ?? '')?.[1] ?? '?';
  raw.lint.secretlint = sl;
  row(
    '  same repository: model-ci lint (all rules) vs secretlint (credentials only)',
    min(ours.map((r) => r.wall)),
    sl.wall,
    {
      oursRss: rss(ours),
      refRss: sl.rssMb,
      note: `credentials found of 20 planted: model-ci ${secrets}, secretlint ${found}; CPU ${min(ours.map((r) => r.cpu)).toFixed(1)} vs ${sl.cpu.toFixed(1)} s`,
    },
  );
};

/**
 * `model-ci image` (build + push of the demo image, no daemon) against `buildah bud` + `buildah push` of the
 * equivalent Dockerfile (FROM the same base, COPY the same app files, COPY the model, same config), both
 * to one local docker-registry. Cold: empty layer cache / empty buildah storage and an empty repository;
 * warm: the same command again with nothing changed (buildah with --layers, so it may reuse its cache).
 */
async function imageBench() {
  ensureDist(['cli', 'serve']);
  const dir = join(cache, 'image');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const base = join(cache, 'image-base');
  execFileSync(process.execPath, [join(root, 'scripts', 'demo-base.mjs'), base], { stdio: 'ignore' });
  const port = await new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const p = srv.address().port;
      srv.close(() => resolve(p));
    });
  });
  const host = `127.0.0.1:${port}`;
  writeFileSync(
    join(dir, 'registry.yml'),
    `version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: ${join(dir, 'registry')}\nhttp:\n  addr: ${host}\n`,
  );
  const registry = spawn('docker-registry', ['serve', join(dir, 'registry.yml')], { stdio: 'ignore' });
  try {
    for (let i = 0; i < 100; i++) {
      const up = await new Promise((r) => {
        const req = http.get(`http://${host}/v2/`, (res) => {
          res.resume();
          r(res.statusCode === 200);
        });
        req.on('error', () => r(false));
      });
      if (up) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    execFileSync('skopeo', [
      'copy',
      '--quiet',
      '--dest-tls-verify=false',
      `oci:${base}:node`,
      `docker://${host}/base/node:20`,
    ]);
    const model = join(root, 'workflows-examples', 'demo', 'model', 'model.json');
    const cliJs = join(root, 'dist', 'cli', 'index.js');
    // The buildah side builds from exactly the files model-ci puts in its layers (--emit).
    const emit = join(dir, 'emit');
    execFileSync(
      process.execPath,
      [
        cliJs,
        'image',
        '--model',
        model,
        '--include',
        'preprocessing.json',
        '--repository',
        `${host}/bench/emit`,
        '--base',
        `${host}/base/node:20`,
        '--emit',
        emit,
        '--cache-dir',
        join(dir, 'emit-cache'),
        '--quiet',
      ],
      { cwd: root, stdio: 'ignore' },
    );
    const ctx = join(dir, 'context');
    mkdirSync(join(ctx, 'app'), { recursive: true });
    for (const f of readdirSync(emit))
      if (f !== 'model') execFileSync('cp', ['-r', join(emit, f), join(ctx, 'app', f)]);
    execFileSync('cp', ['-r', join(emit, 'model'), join(ctx, 'model')]);
    writeFileSync(
      join(ctx, 'Dockerfile'),
      [
        `FROM ${host}/base/node:20`,
        'COPY --chown=0:0 app/ /app/',
        'COPY --chown=0:0 model/ /app/model/',
        'ENV PORT=8000 NODE_ENV=production MODEL_PATH=/app/model/model.json',
        'WORKDIR /app',
        'USER 65532:65532',
        'EXPOSE 8000',
        'HEALTHCHECK CMD ["node", "/app/server.js", "--healthcheck"]',
        'CMD ["node", "/app/server.js"]',
        '',
      ].join('\n'),
    );
    const n = repeats(3);
    const res = { ours: { cold: [], warm: [] }, buildah: { cold: [], warm: [] } };
    for (let i = 0; i < n; i++) {
      const ourCache = join(dir, `ours-cache-${i}`);
      const ours = () =>
        measure(
          process.execPath,
          [
            cliJs,
            'image',
            '--model',
            model,
            '--include',
            'preprocessing.json',
            '--repository',
            `${host}/bench/ours-${i}`,
            '--base',
            `${host}/base/node:20`,
            '--tag',
            'bench',
            '--sha',
            '0123456789abcdef0123456789abcdef01234567',
            '--push',
            '--cache-dir',
            ourCache,
            '--quiet',
          ],
          { cwd: root },
        );
      res.ours.cold.push(check(await ours(), 'model-ci image (cold)'));
      res.ours.warm.push(check(await ours(), 'model-ci image (warm)'));
      const store = join(dir, `buildah-${i}`);
      const g = ['--root', join(store, 'root'), '--runroot', join(store, 'run'), '--storage-driver', 'vfs'];
      const ref = `${host}/bench/buildah-${i}:bench`;
      const buildah = async () => {
        const bud = check(
          await measure(
            'buildah',
            [
              ...g,
              'bud',
              '--quiet',
              '--layers',
              '--isolation',
              'chroot',
              '--tls-verify=false',
              '-t',
              ref,
              ctx,
            ],
            { cwd: root },
          ),
          'buildah bud',
        );
        const push = check(
          await measure('buildah', [...g, 'push', '--quiet', '--tls-verify=false', ref], { cwd: root }),
          'buildah push',
        );
        return {
          ...bud,
          wall: bud.wall + push.wall,
          cpu: bud.cpu + push.cpu,
          rssMb: Math.max(bud.rssMb, push.rssMb),
        };
      };
      res.buildah.cold.push(await buildah());
      res.buildah.warm.push(await buildah());
      log(
        `image #${i + 1}: model-ci cold ${res.ours.cold[i].wall.toFixed(2)} s, warm ${res.ours.warm[i].wall.toFixed(2)} s; ` +
          `buildah cold ${res.buildah.cold[i].wall.toFixed(2)} s, warm ${res.buildah.warm[i].wall.toFixed(2)} s`,
      );
      spawnSync('rm', ['-rf', store]);
    }
    raw.image = res;
    const wall = (runs) => runs.map((r) => r.wall);
    row(
      'image build + push, cold (demo model, empty cache and repository)',
      min(wall(res.ours.cold)),
      min(wall(res.buildah.cold)),
      {
        target: 1,
        oursRss: rss(res.ours.cold),
        refRss: rss(res.buildah.cold),
        note: 'model-ci image vs buildah bud + buildah push of the equivalent Dockerfile, same base in the same local registry',
      },
    );
    row('image build + push, warm (nothing changed)', min(wall(res.ours.warm)), min(wall(res.buildah.warm)), {
      target: 1,
      oursRss: rss(res.ours.warm),
      refRss: rss(res.buildah.warm),
      note: `goal: under 2 s (${min(wall(res.ours.warm)) < 2 ? 'met' : 'MISSED'}); buildah with --layers`,
    });
  } finally {
    registry.kill('SIGKILL');
  }
}

/** Seconds until the child's first output line, and until it exits. */
function firstOutput(cmd, args, env) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(cmd, args, { cwd: cache, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let first = null;
    const seen = () => {
      if (first === null) first = Number(process.hrtime.bigint() - start) / 1e9;
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    child.on('error', reject);
    child.on('close', () => {
      const exit = Number(process.hrtime.bigint() - start) / 1e9;
      resolve({ first: first ?? exit, exit });
    });
  });
}

// ---------------------------------------------------------------- main

function fmt(x, unit) {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  if (unit === 'rows/s') return `${Math.round(x).toLocaleString('en-US')} rows/s`;
  if (unit === 'ms') return `${x < 10 ? x.toFixed(3) : x.toFixed(0)} ms`;
  return `${x < 1 ? x.toFixed(3) : x.toFixed(2)} s`;
}

function verdict(r) {
  if (r.target === undefined || r.target === null) return '';
  if (typeof r.target === 'string')
    return r.ours < Number(r.target.replace(/[^0-9.]/g, '')) ? 'met' : 'MISSED';
  if (r.ratio === null) return '';
  return r.ratio <= r.target ? 'met' : 'MISSED';
}

const started = Date.now();
const load0 = loadavg()[0];
if (selected.some((b) => ['drift', 'profile', 'check', 'metrics', 'bootstrap', 'kstwo', 'smoke'].includes(b)))
  await ensureOurs();
const pyVersions = spawnSync(
  PY,
  [
    '-c',
    'import numpy,scipy,sklearn,pandas,sys;print(sys.version.split()[0],numpy.__version__,scipy.__version__,sklearn.__version__,pandas.__version__)',
  ],
  { encoding: 'utf8' },
)
  .stdout.trim()
  .split(' ');
for (const name of selected) {
  log(`— ${name}`);
  try {
    await benches[name]();
  } catch (err) {
    log(`${name} failed: ${err.message}`);
    row(name, null, null, { note: `failed: ${err.message.split('\n')[0]}` });
  }
}

const header =
  '| benchmark | model-ci | reference | ratio | target | peak RSS model-ci / reference | notes |';
const lines = [header, '|---|---|---|---|---|---|---|'];
for (const r of rows) {
  const rssText =
    r.oursRss !== undefined
      ? `${r.oursRss.toFixed(0)} / ${Number.isFinite(r.refRss) ? r.refRss.toFixed(0) : '–'} MB`
      : '';
  const ratio =
    r.ratio === null || r.ratio === undefined || !Number.isFinite(r.ratio)
      ? ''
      : `${r.ratio.toFixed(r.ratio < 10 ? 3 : 1)}×`;
  const target =
    r.target === undefined
      ? ''
      : `${typeof r.target === 'number' ? `≤ ${r.target}×` : r.target} ${verdict(r)}`;
  lines.push(
    `| ${r.benchmark} | ${fmt(r.ours, r.unit)} | ${fmt(r.reference, r.unit)} | ${ratio} | ${target} | ${rssText} | ${r.note} |`,
  );
}
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.versions.node}, python ${pyVersions[0]} (numpy ${pyVersions[1]}, scipy ${pyVersions[2]}, scikit-learn ${pyVersions[3]}, pandas ${pyVersions[4]}); load average ${load0.toFixed(1)} → ${loadavg()[0].toFixed(1)}`;
console.log(`\n${lines.join('\n')}\n\n${machine}; ${((Date.now() - started) / 1000).toFixed(0)} s in all.`);
writeFileSync(
  join(root, 'bench-results.json'),
  JSON.stringify(
    { date: new Date().toISOString(), machine, rows, raw },
    (k, v) => (k === 'stderr' || k === 'stdout' ? undefined : v),
    2,
  ) + '\n',
);
log('wrote bench-results.json');
