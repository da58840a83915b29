/** Sub-checks shared by model mode and HTTP mode; each appends one line (and findings) to a CheckLog. */
import type { NamedTensors } from '../../model/types.js';
import { allClose, countNonFinite, identical, softmaxRows } from './compare.js';
import type { LatencySummary } from './latency.js';
import { CheckLog, fmt } from './record.js';

export function checkFinite(log: CheckLog, outputs: NamedTensors): void {
  const problems: string[] = [];
  let total = 0;
  for (const [name, t] of Object.entries(outputs)) {
    total += t.data.length;
    const nf = countNonFinite(t);
    if (nf.count > 0) {
      const kinds = [nf.nan ? `${nf.nan} NaN` : '', nf.inf ? `${nf.inf} ±Inf` : '']
        .filter(Boolean)
        .join(' and ');
      problems.push(
        `output "${name}": ${kinds} of ${t.data.length} values (first at flat index ${nf.firstIndex})`,
      );
    }
  }
  if (problems.length) log.fail('finite', 'smoke/non-finite-output', problems);
  else log.pass('finite', `no NaN or Inf in ${total} output values`);
}

export function checkDeterministic(log: CheckLog, first: NamedTensors, second: NamedTensors): void {
  const problems: string[] = [];
  for (const [name, a] of Object.entries(first)) {
    const b = second[name];
    if (!b) {
      problems.push(`output "${name}" missing from the second run`);
      continue;
    }
    const r = identical(a, b);
    if (!r.same) {
      problems.push(
        r.index < 0
          ? `output "${name}" changed shape or dtype between two runs on the same input`
          : `output "${name}" differs between two runs on the same input (first at flat index ${r.index}, max |diff| ${fmt(r.maxAbsDiff)})`,
      );
    }
  }
  if (problems.length) log.fail('deterministic', 'smoke/nondeterministic', problems);
  else log.pass('deterministic', 'two runs on the same input gave identical outputs');
}

export function checkSoftmax(
  log: CheckLog,
  outputs: NamedTensors,
  which: boolean | string[] | undefined,
  tol: number,
): void {
  if (!which) return;
  const names = which === true ? Object.keys(outputs) : which;
  const problems: string[] = [];
  let rows = 0;
  for (const name of names) {
    const t = outputs[name];
    if (!t) {
      problems.push(
        `checkSoftmax names output "${name}", which the model did not return (outputs: ${Object.keys(outputs).join(', ')})`,
      );
      continue;
    }
    const r = softmaxRows(t, tol);
    rows += r.rows;
    if (r.bad > 0) {
      problems.push(
        `output "${name}": ${r.bad} of ${r.rows} rows do not sum to 1 within ${fmt(tol)} (worst |sum − 1| ${fmt(r.worst)}, first row ${r.firstRow})`,
      );
    }
  }
  if (problems.length) log.fail('softmax', 'smoke/softmax-sum', problems);
  else log.pass('softmax', `${rows} rows of ${names.join(', ')} sum to 1 within ${fmt(tol)}`);
}

export function checkGolden(
  log: CheckLog,
  outputs: NamedTensors,
  golden: NamedTensors,
  atol: number,
  rtol: number,
  file: string,
): void {
  const problems: string[] = [];
  let total = 0;
  let maxDiff = 0;
  for (const [name, exp] of Object.entries(golden)) {
    const got = outputs[name];
    if (!got) {
      problems.push(`output "${name}" is in the golden file but was not returned`);
      continue;
    }
    const r = allClose(got, exp, atol, rtol);
    total += r.total;
    if (r.maxAbsDiff > maxDiff) maxDiff = r.maxAbsDiff;
    if (r.shapeMismatch) problems.push(`output "${name}": ${r.shapeMismatch}`);
    else if (!r.ok && r.first) {
      problems.push(
        `output "${name}": ${r.bad} of ${r.total} values outside atol ${fmt(atol)} + rtol ${fmt(rtol)}·|golden| ` +
          `(first at flat index ${r.first.index}: got ${r.first.got}, golden ${r.first.expected}; max |diff| ${fmt(r.maxAbsDiff)})`,
      );
    }
  }
  if (problems.length) log.fail('golden', 'smoke/golden-mismatch', problems, { file });
  else
    log.pass(
      'golden',
      `${total} values match ${file} (max |diff| ${fmt(maxDiff)}, atol ${fmt(atol)}, rtol ${fmt(rtol)})`,
    );
}

export function checkBudgets(
  log: CheckLog,
  batch1: LatencySummary,
  throughput: number,
  batch: number,
  budgets: { latencyP95Ms?: number; minThroughput?: number },
): void {
  const lat = `p50 ${fmt(batch1.p50_ms)} ms, p95 ${fmt(batch1.p95_ms)} ms, p99 ${fmt(batch1.p99_ms)} ms over ${batch1.runs} runs`;
  if (budgets.latencyP95Ms !== undefined && !(batch1.p95_ms <= budgets.latencyP95Ms)) {
    log.fail(
      'latency',
      'smoke/latency-budget',
      `p95 latency ${fmt(batch1.p95_ms)} ms exceeds the budget of ${fmt(budgets.latencyP95Ms)} ms (${lat})`,
    );
  } else
    log.pass(
      'latency',
      budgets.latencyP95Ms !== undefined ? `${lat}; budget p95 ≤ ${fmt(budgets.latencyP95Ms)} ms` : lat,
    );
  const thr = `${fmt(throughput)} rows/s at batch ${batch}`;
  if (budgets.minThroughput !== undefined && !(throughput >= budgets.minThroughput)) {
    log.fail(
      'throughput',
      'smoke/throughput-budget',
      `throughput ${thr} is below the budget of ${fmt(budgets.minThroughput)} rows/s`,
    );
  } else
    log.pass(
      'throughput',
      budgets.minThroughput !== undefined ? `${thr}; budget ≥ ${fmt(budgets.minThroughput)} rows/s` : thr,
    );
}
