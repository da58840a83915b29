// Generates the synthetic churn data of the demo model repository, deterministically.
//   node workflows-examples/demo/scripts/make-data.mjs
// Writes data/train.csv, data/eval.csv, data/reference.csv and data/current.csv beside this folder.
// The label comes from a known logistic function (LOGIT below) plus Gaussian noise on the logit.
// current.csv is drawn from the same distribution except monthly_charges, which is 15% higher (the drift).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { choice, mulberry32, normal, poisson } from './rng.mjs';

const DEMO = join(dirname(fileURLToPath(import.meta.url)), '..');

export const NUMERIC = [
  'tenure_months',
  'monthly_charges',
  'support_calls',
  'usage_gb',
  'age',
  'satisfaction',
];
export const CATEGORICAL = {
  plan: ['basic', 'standard', 'premium'],
  region: ['north', 'south', 'east', 'west'],
};
export const LABEL = 'churned';

const PLAN_CHARGE = { basic: [35, 6], standard: [65, 8], premium: [95, 10] };
const PLAN_EFFECT = { basic: 0.4, standard: 0, premium: -0.5 };
const REGION_EFFECT = { north: 0, south: 0.3, east: -0.1, west: 0 };

/** The true churn log-odds (before noise). */
function logit(r) {
  return (
    -1.1 -
    0.045 * (r.tenure_months - 30) +
    0.025 * (r.monthly_charges - 60) +
    0.5 * (r.support_calls - 1.5) -
    0.02 * (r.usage_gb - 20) -
    0.01 * (r.age - 45) -
    0.7 * (r.satisfaction - 3) +
    PLAN_EFFECT[r.plan] +
    REGION_EFFECT[r.region]
  );
}

const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));
const round = (x, digits) => Number(x.toFixed(digits));

function makeRow(u, chargeFactor) {
  const plan = choice(u, CATEGORICAL.plan, [0.4, 0.35, 0.25]);
  const region = choice(u, CATEGORICAL.region, [0.3, 0.25, 0.25, 0.2]);
  const [mu, sd] = PLAN_CHARGE[plan];
  const r = {
    tenure_months: 1 + Math.floor(u() * 72),
    monthly_charges: round(clamp(mu + sd * normal(u), 15, 150) * chargeFactor, 2),
    support_calls: poisson(u, 1.5),
    usage_gb: round(clamp(Math.exp(2.9 + 0.6 * normal(u)), 0.1, 300), 1),
    age: Math.round(clamp(45 + 14 * normal(u), 18, 85)),
    satisfaction: 1 + Math.floor(u() * 5),
    plan,
    region,
  };
  const z = logit(r) + 0.5 * normal(u);
  r[LABEL] = u() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  return r;
}

function makeRows(seed, n, chargeFactor = 1) {
  const u = mulberry32(seed);
  return Array.from({ length: n }, () => makeRow(u, chargeFactor));
}

function toCsv(rows, columns) {
  return columns.join(',') + '\n' + rows.map((r) => columns.map((c) => r[c]).join(',')).join('\n') + '\n';
}

const FEATURES = [...NUMERIC, ...Object.keys(CATEGORICAL)];

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const train = makeRows(20240601, 3000);
  const evalRows = makeRows(20240602, 1000).map((r, i) => ({
    id: `c${String(i + 1).padStart(4, '0')}`,
    ...r,
  }));
  const current = makeRows(20240603, 1000, 1.15);
  mkdirSync(join(DEMO, 'data'), { recursive: true });
  writeFileSync(join(DEMO, 'data/train.csv'), toCsv(train, [...FEATURES, LABEL]));
  writeFileSync(join(DEMO, 'data/eval.csv'), toCsv(evalRows, ['id', ...FEATURES, LABEL]));
  writeFileSync(join(DEMO, 'data/reference.csv'), toCsv(train, FEATURES));
  writeFileSync(join(DEMO, 'data/current.csv'), toCsv(current, FEATURES));
  const rate = (rows) => (rows.reduce((s, r) => s + r[LABEL], 0) / rows.length).toFixed(3);
  process.stdout.write(
    `train ${train.length} rows (churn rate ${rate(train)}), eval ${evalRows.length} (${rate(evalRows)}), current ${current.length}\n`,
  );
}
