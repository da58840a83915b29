import { resolve } from 'node:path';
import { InputError } from '../../core/errors.js';
import { displayPath } from '../../core/paths.js';
import { readJsonFile } from '../../core/json-file.js';
import { readInputText } from '../../core/read-input.js';
import { LABEL_OPTION, TASK_OPTION, THRESHOLD_OPTION } from '../../core/prediction-options.js';
import { runCheck } from '../../core/run-check.js';
import { worstStatus } from '../../core/result.js';
import type { StepContext, StepDefinition } from '../../core/step.js';
import { readTable } from '../../data/read-table.js';
import {
  isBinaryLabels,
  requireBinaryLabels,
  requireColumn,
  requireNumbers,
  requireProbabilities,
} from '../../data/require-column.js';
import type { Table } from '../../data/table.js';
import { binaryMetricSet, regressionMetricSet, toRecord } from '../../stats/metrics/metric-sets.js';
import { gather, sliceMetrics } from '../../stats/metrics/slices.js';
import { compareSlices, sliceFindings } from './slices.js';
import { baselineFromResult } from './baseline.js';
import { gate, type GateInput } from './gate.js';
import { joinById } from './join.js';
import { comparedMetrics, parseRules, parseRulesDocument, type GateRules } from './rules.js';
import { comparePaired } from './paired.js';
import { gatePresenter } from './present.js';

export interface GateStepOptions {
  data: string;
  label: string;
  candidate: string;
  baseline?: string;
  baselineData?: string;
  id?: string;
  baselineMetrics?: string;
  rules?: string | Record<string, unknown>;
  task?: 'binary' | 'regression';
  threshold: number;
  resamples: number;
  confidence: number;
  seed: number;
  aucInterval: 'delong' | 'bootstrap';
  sliceBy?: string;
  minSliceRows: number;
}

/** Rules from a rules.yml (CLI/action, or a path in the config) or the inline `gate.rules` map of the config. */
function loadRules(rules: GateStepOptions['rules'], ctx: StepContext): GateRules {
  if (rules === undefined) return [];
  if (typeof rules === 'string') {
    const file = resolve(ctx.baseDir, rules);
    const text = readInputText(file, { what: 'rules file', shown: rules });
    return parseRulesDocument(text, displayPath(ctx.baseDir, rules));
  }
  return parseRules(rules, {
    file: ctx.source ?? 'rules',
    keyPathPrefix: `${ctx.keyPath ?? 'gate'}.rules`,
    lineOf: ctx.lineOf ? (p) => ctx.lineOf!(['rules', ...p]) : undefined,
  });
}

function columnsOf(...names: (string | undefined)[]): string[] {
  return [...new Set(names.filter((n): n is string => !!n))];
}

export const gateStep: StepDefinition<GateStepOptions> = {
  check: 'gate',
  title: 'Metric gate',
  summary:
    'Compare candidate and baseline metrics against rules (thresholds, tolerated regressions, confidence intervals); fail on regression',
  examples: [
    'model-ci gate --data preds.csv --label y --candidate p_new --baseline p_old --rules rules.yml --out gate.json',
    'model-ci gate --data new.csv --label y --candidate p --baseline-data old.csv --baseline p --id id --rules rules.yml',
    'model-ci gate --data preds.csv --label y --candidate p --baseline-metrics main-metrics.json --rules rules.yml',
  ],
  options: {
    data: {
      type: 'path',
      required: true,
      description: 'predictions file with the labels and the candidate scores',
      metavar: 'FILE',
    },
    label: LABEL_OPTION,
    candidate: {
      type: 'string',
      required: true,
      description: "column with the candidate model's scores",
      metavar: 'COLUMN',
    },
    baseline: {
      type: 'string',
      description: "column with the baseline model's scores (in --data, or in --baseline-data)",
      metavar: 'COLUMN',
    },
    baselineData: {
      type: 'path',
      description: 'a second predictions file with the baseline scores, joined on --id',
      metavar: 'FILE',
    },
    id: {
      type: 'string',
      description: 'id column that joins --data and --baseline-data row by row',
      metavar: 'COLUMN',
    },
    baselineMetrics: {
      type: 'path',
      description:
        'baseline metrics instead of predictions: a model-ci metrics result or a JSON object of numbers (no intervals then)',
      metavar: 'FILE',
    },
    rules: {
      type: 'object',
      parseText: (text) => text,
      description: 'rules file (a YAML map under "rules:"); in .model-ci.yml the map itself or a path',
      metavar: 'FILE',
    },
    task: TASK_OPTION,
    threshold: THRESHOLD_OPTION,
    resamples: {
      type: 'integer',
      default: 1000,
      min: 100,
      max: 1_000_000,
      description: 'paired bootstrap resamples for the intervals',
    },
    confidence: {
      type: 'number',
      default: 0.95,
      min: 0.5,
      max: 0.999,
      description: 'confidence of the intervals',
    },
    seed: { type: 'integer', default: 0, min: 0, description: 'seed of the bootstrap' },
    aucInterval: {
      type: 'string',
      default: 'delong',
      choices: ['delong', 'bootstrap'],
      description: "interval for roc_auc's change: DeLong's (default) or the bootstrap",
    },
    sliceBy: {
      type: 'string',
      description: 'report metrics per value of this column (small slices are flagged, not gated)',
      metavar: 'COLUMN',
    },
    minSliceRows: { type: 'integer', default: 30, min: 1, description: 'slices with fewer rows are flagged' },
  },
  async execute(options, ctx) {
    return runCheck(
      'gate',
      { ...options, rules: typeof options.rules === 'string' ? options.rules : 'inline' },
      async () => {
        const rules = loadRules(options.rules, ctx);
        // A gate without rules would pass whatever the metrics are: say so instead of a green check.
        if (rules.length === 0)
          throw new InputError(
            options.rules === undefined
              ? 'the gate has no rules, so it would check nothing: give --rules FILE (a YAML map under "rules:") or gate.rules in .model-ci.yml'
              : `the gate's rules${typeof options.rules === 'string' ? ` in ${options.rules}` : ''} are empty, so it would check nothing: add at least one metric rule`,
          );
        if (options.baselineData && !options.id)
          throw new InputError('--baseline-data needs --id: the column that joins the two files row by row');
        if (options.baselineData && !options.baseline)
          throw new InputError('--baseline-data needs --baseline: the score column in that file');
        if (options.baselineMetrics && options.baseline)
          throw new InputError('give either --baseline (paired predictions) or --baseline-metrics, not both');
        const read = async (file: string, columns: string[]): Promise<Table> => ({
          ...(await readTable(resolve(ctx.baseDir, file), {
            columns,
            progress: ctx.logger.progress?.(`reading ${file}`),
          })),
          file,
        });
        const table = await read(
          options.data,
          columnsOf(
            options.label,
            options.candidate,
            options.baselineData ? undefined : options.baseline,
            options.id,
            options.sliceBy,
          ),
        );
        if (table.rows === 0)
          throw new InputError(`${options.data}: no data rows; the gate needs at least one row`);
        const labels = requireNumbers(table, requireColumn(table, options.label, 'label'), 'label');
        const candidate = requireNumbers(
          table,
          requireColumn(table, options.candidate, 'candidate score'),
          'candidate score',
        );
        const task = options.task ?? (isBinaryLabels(labels) ? 'binary' : 'regression');
        if (task === 'binary') {
          requireBinaryLabels(table, options.label, labels);
          requireProbabilities(table, options.candidate, candidate);
        }

        let baselineScores: Float64Array | undefined;
        if (options.baselineData && options.baseline && options.id) {
          const other = await read(options.baselineData, columnsOf(options.id, options.baseline));
          const scores = requireNumbers(
            other,
            requireColumn(other, options.baseline, 'baseline score'),
            'baseline score',
          );
          const join = joinById(
            { file: options.data, ids: requireColumn(table, options.id, 'id') },
            { file: options.baselineData, ids: requireColumn(other, options.id, 'id') },
          );
          baselineScores = gather(scores, join.b);
          if (task === 'binary') requireProbabilities(other, options.baseline, scores);
        } else if (options.baseline) {
          baselineScores = requireNumbers(
            table,
            requireColumn(table, options.baseline, 'baseline score'),
            'baseline score',
          );
          if (task === 'binary') requireProbabilities(table, options.baseline, baselineScores);
        }

        let input: GateInput;
        if (baselineScores) {
          input = comparePaired(
            task === 'binary'
              ? { task, labels, candidate, baseline: baselineScores, threshold: options.threshold }
              : { task, y: labels, candidate, baseline: baselineScores },
            {
              metrics: comparedMetrics(rules),
              resamples: options.resamples,
              confidence: options.confidence,
              seed: options.seed,
              aucInterval: options.aucInterval,
            },
          );
          ctx.logger.info(`paired comparison on ${labels.length} rows: ${intervalsDrawn(input)}`);
        } else {
          const own = toRecord(
            task === 'binary'
              ? binaryMetricSet(labels, candidate, options.threshold)
              : regressionMetricSet(labels, candidate),
          );
          input = options.baselineMetrics
            ? {
                candidate: own,
                baseline: baselineFromResult(
                  readJsonFile(resolve(ctx.baseDir, options.baselineMetrics)),
                  options.baselineMetrics,
                ),
                baselineSource: { kind: 'metrics-file', file: options.baselineMetrics },
              }
            : { candidate: own };
        }
        const outcome = gate(input, rules);
        const details: Record<string, unknown> = { ...outcome.details, task, rows: labels.length };
        if (options.sliceBy) {
          const col = requireColumn(table, options.sliceBy, 'slice');
          const codes =
            col.type === 'categorical'
              ? { codes: col.codes, dictionary: col.dictionary }
              : numericCodes(col.values);
          // Every metric of the overall gate, per slice, for the candidate and (on paired rows) the baseline.
          const perSlice = (scores: Float64Array) =>
            sliceMetrics(
              codes.codes,
              codes.dictionary,
              (rows) =>
                toRecord(
                  task === 'binary'
                    ? binaryMetricSet(gather(labels, rows), gather(scores, rows), options.threshold)
                    : regressionMetricSet(gather(labels, rows), gather(scores, rows)),
                ),
              { minSliceRows: options.minSliceRows, ...(task === 'binary' ? { binaryLabels: labels } : {}) },
            );
          const slices = compareSlices(
            perSlice(candidate),
            baselineScores ? perSlice(baselineScores) : null,
            rules,
          );
          details.slice_by = options.sliceBy;
          details.slices = slices;
          const flagged = sliceFindings(options.sliceBy, slices);
          if (flagged.length) {
            const n = flagged.length;
            return {
              ...outcome,
              status: worstStatus(outcome.status, 'warn'),
              summary: `${outcome.summary}; ${n} slice${n === 1 ? '' : 's'} of ${options.sliceBy} regressed`,
              findings: [...(outcome.findings ?? []), ...flagged],
              details,
            };
          }
        }
        return { ...outcome, details };
      },
      ctx.clock,
    );
  },
  inputFiles(options, baseDir) {
    const rulesFile = typeof options.rules === 'string' ? options.rules : undefined;
    return [options.data, options.baselineData, options.baselineMetrics, rulesFile]
      .filter((f): f is string => typeof f === 'string' && f !== '')
      .map((f) => resolve(baseDir, f));
  },
  markdown: gatePresenter.markdown,
};

/** What the paired comparison really computed, for the log: which intervals, how many resamples. */
function intervalsDrawn(input: GateInput): string {
  const by = (method: string) =>
    Object.entries(input.intervals ?? {})
      .filter(([, ci]) => ci.method === method)
      .map(([name]) => name);
  const boot = by('bootstrap-percentile');
  const delong = by('delong');
  const parts = [
    boot.length
      ? `${input.bootstrap?.resamples} bootstrap resamples for ${boot.join(', ')}`
      : 'no bootstrap resamples drawn',
    ...(delong.length ? [`DeLong's interval for ${delong.join(', ')}`] : []),
  ];
  return parts.join('; ');
}

/** A numeric slice column as categories (its distinct values as text). */
function numericCodes(values: Float64Array): { codes: Int32Array; dictionary: string[] } {
  const index = new Map<number, number>();
  const dictionary: string[] = [];
  const codes = new Int32Array(values.length);
  values.forEach((v, i) => {
    if (Number.isNaN(v)) {
      codes[i] = -1;
      return;
    }
    let c = index.get(v);
    if (c === undefined) {
      c = dictionary.length;
      index.set(v, c);
      dictionary.push(String(v));
    }
    codes[i] = c;
  });
  return { codes, dictionary };
}
