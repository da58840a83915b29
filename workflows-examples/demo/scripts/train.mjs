// Trains the demo churn models with TF.js (pure-JS cpu backend, seeded initialisers, no shuffling), deterministically.
//   node workflows-examples/demo/scripts/make-data.mjs && node workflows-examples/demo/scripts/train.mjs
// Writes:
//   model/model.json + model/weights.bin        candidate: features[13] -> Dense 16 relu -> Dense 1 sigmoid
//   model/baseline/model.json + weights.bin     baseline: logistic regression on 3 numeric features (no satisfaction)
//   model/preprocessing.json                    feature order, standardisation stats, one-hot categories
//   predictions/eval-predictions.csv            id, churned, p_candidate, p_baseline on data/eval.csv
//   smoke/inputs.json                           the first 16 eval rows, preprocessed (inputs for `model-ci smoke`)
//   smoke/golden.json                           those inputs and the candidate's outputs (golden file of `model-ci smoke`)
import { Buffer } from 'node:buffer';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
import { CATEGORICAL, LABEL, NUMERIC } from './make-data.mjs';

const DEMO = join(dirname(fileURLToPath(import.meta.url)), '..');
const BASELINE_FEATURES = ['tenure_months', 'monthly_charges', 'support_calls'];

function readCsv(path) {
  const [header, ...lines] = readFileSync(path, 'utf8').trimEnd().split('\n');
  const cols = header.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(cols.map((c, i) => [c, cells[i]]));
  });
}

/** Population mean and standard deviation (ddof = 0) of each numeric feature. */
function fitStats(rows, features) {
  const stats = {};
  for (const f of features) {
    const xs = rows.map((r) => Number(r[f]));
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const std = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    stats[f] = { mean, std };
  }
  return stats;
}

/** One row -> the model's input vector: standardised numerics, then one-hot categories in declared order. */
function encode(row, pre) {
  const v = pre.numeric.map((f) => (Number(row[f]) - pre.stats[f].mean) / pre.stats[f].std);
  for (const [name, values] of Object.entries(pre.categorical))
    for (const c of values) v.push(row[name] === c ? 1 : 0);
  return v;
}

/** Saves a LayersModel as model.json + one weights.bin through an io.withSaveHandler (tfjs-node is not needed). */
async function saveModel(model, dir) {
  mkdirSync(dir, { recursive: true });
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const json = {
        format: 'layers-model',
        generatedBy: `TensorFlow.js tfjs-layers v${tfl.version_layers}`,
        convertedBy: null,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
      };
      writeFileSync(join(dir, 'model.json'), JSON.stringify(json) + '\n');
      const data = artifacts.weightData;
      const buffers = Array.isArray(data) ? data : [data];
      writeFileSync(join(dir, 'weights.bin'), Buffer.concat(buffers.map((b) => Buffer.from(b))));
      return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } };
    }),
  );
}

/** ROC AUC by the rank-sum formula (ties get mid-ranks). */
function rocAuc(labels, scores) {
  const idx = scores.map((s, i) => [s, i]).sort((a, b) => a[0] - b[0]);
  const ranks = new Array(scores.length);
  for (let i = 0; i < idx.length;) {
    let j = i;
    while (j + 1 < idx.length && idx[j + 1][0] === idx[i][0]) j++;
    for (let k = i; k <= j; k++) ranks[idx[k][1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  const pos = labels.filter((y) => y === 1).length;
  const neg = labels.length - pos;
  const sumPos = labels.reduce((s, y, i) => s + (y === 1 ? ranks[i] : 0), 0);
  return (sumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

async function fit(model, x, y, epochs) {
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'binaryCrossentropy' });
  const h = await model.fit(x, y, { epochs, batchSize: 64, shuffle: false, verbose: 0 });
  return h.history.loss.at(-1);
}

function predict(model, x) {
  return tf.tidy(() => Array.from(model.predict(x).dataSync()));
}

tf.env().set('PROD', true); // quiets the "install tfjs-node" banner
await tf.setBackend('cpu');
const train = readCsv(join(DEMO, 'data/train.csv'));
const evalRows = readCsv(join(DEMO, 'data/eval.csv'));

const pre = { numeric: NUMERIC, categorical: CATEGORICAL, stats: fitStats(train, NUMERIC), label: LABEL };
const features = [
  ...NUMERIC,
  ...Object.entries(CATEGORICAL).flatMap(([n, vs]) => vs.map((v) => `${n}=${v}`)),
];
const width = features.length;
const basePre = { numeric: BASELINE_FEATURES, categorical: {}, stats: fitStats(train, BASELINE_FEATURES) };

const yTrain = tf.tensor2d(train.map((r) => [Number(r[LABEL])]));
const xTrain = tf.tensor2d(train.map((r) => encode(r, pre)));
const xTrainBase = tf.tensor2d(train.map((r) => encode(r, basePre)));
const xEval = tf.tensor2d(evalRows.map((r) => encode(r, pre)));
const xEvalBase = tf.tensor2d(evalRows.map((r) => encode(r, basePre)));

const input = tfl.input({ shape: [width], name: 'features' });
const hidden = tfl.layers
  .dense({
    units: 16,
    activation: 'relu',
    name: 'hidden',
    kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }),
  })
  .apply(input);
const out = tfl.layers
  .dense({
    units: 1,
    activation: 'sigmoid',
    name: 'churn_probability',
    kernelInitializer: tfl.initializers.glorotUniform({ seed: 2 }),
  })
  .apply(hidden);
const candidate = tfl.model({ inputs: input, outputs: out, name: 'churn_candidate' });

const baseIn = tfl.input({ shape: [BASELINE_FEATURES.length], name: 'features' });
const baseOut = tfl.layers
  .dense({
    units: 1,
    activation: 'sigmoid',
    name: 'churn_probability',
    kernelInitializer: tfl.initializers.glorotUniform({ seed: 3 }),
  })
  .apply(baseIn);
const baseline = tfl.model({ inputs: baseIn, outputs: baseOut, name: 'churn_baseline' });

const lossC = await fit(candidate, xTrain, yTrain, 40);
const lossB = await fit(baseline, xTrainBase, yTrain, 40);
const pC = predict(candidate, xEval);
const pB = predict(baseline, xEvalBase);

await saveModel(candidate, join(DEMO, 'model'));
await saveModel(baseline, join(DEMO, 'model/baseline'));
writeFileSync(
  join(DEMO, 'model/preprocessing.json'),
  JSON.stringify(
    { input: 'features', width, features, ...pre, baseline: { ...basePre, width: BASELINE_FEATURES.length } },
    null,
    2,
  ) + '\n',
);

mkdirSync(join(DEMO, 'predictions'), { recursive: true });
const lines = evalRows.map((r, i) => `${r.id},${r[LABEL]},${pC[i].toFixed(6)},${pB[i].toFixed(6)}`);
writeFileSync(
  join(DEMO, 'predictions/eval-predictions.csv'),
  ['id,churned,p_candidate,p_baseline', ...lines].join('\n') + '\n',
);

mkdirSync(join(DEMO, 'smoke'), { recursive: true });
const smokeRows = evalRows.slice(0, 16).map((r) => encode(r, pre).map((v) => Number(v.toFixed(6))));
writeFileSync(
  join(DEMO, 'smoke/inputs.json'),
  '[\n' + smokeRows.map((r) => '  ' + JSON.stringify(r)).join(',\n') + '\n]\n',
);
// The golden file of `model-ci smoke` (schema model-ci/smoke-golden@1): these inputs and the candidate's outputs.
const smokeOut = predict(candidate, tf.tensor2d(smokeRows));
const tensorLine = (shape, data) => JSON.stringify({ dtype: 'float32', shape, data });
writeFileSync(
  join(DEMO, 'smoke/golden.json'),
  [
    '{',
    '  "schema": "model-ci/smoke-golden@1",',
    '  "model": "model/model.json",',
    '  "backend": "cpu",',
    `  "inputs": {\n    "features": ${tensorLine([smokeRows.length, width], smokeRows.flat())}\n  },`,
    `  "outputs": {\n    "churn_probability": ${tensorLine([smokeRows.length, 1], smokeOut)}\n  }`,
    '}',
  ].join('\n') + '\n',
);

const labels = evalRows.map((r) => Number(r[LABEL]));
process.stdout.write(
  `candidate: train loss ${lossC.toFixed(4)}, eval AUC ${rocAuc(labels, pC).toFixed(4)}\n` +
    `baseline:  train loss ${lossB.toFixed(4)}, eval AUC ${rocAuc(labels, pB).toFixed(4)}\n`,
);
