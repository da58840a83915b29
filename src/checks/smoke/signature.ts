import { formatShape, shapeAccepts } from '../../model/tensor.js';
import type { ModelSignature, NamedTensors, TensorSpec } from '../../model/types.js';
import type { ExpectedSignature, ExpectedTensor } from './options.js';

const normalize = (shape: readonly (number | null)[]): number[] =>
  shape.map((d) => (d === null || d < 0 ? -1 : d));

/**
 * Differences between what the model declares and what the configuration expects. Entries with a `name` are
 * matched by name, others by position. Shapes compare exactly, with -1 (or null) meaning a dynamic axis.
 */
export function compareExpectedSignature(declared: ModelSignature, expected: ExpectedSignature): string[] {
  const problems: string[] = [];
  for (const side of ['inputs', 'outputs'] as const) {
    const want = expected[side];
    if (!want) continue;
    const have = declared[side];
    const noun = side === 'inputs' ? 'input' : 'output';
    if (want.length !== have.length) {
      problems.push(
        `expected ${want.length} ${side}, the model declares ${have.length} (${have.map((s) => s.name).join(', ')})`,
      );
    }
    want.forEach((w: ExpectedTensor, i) => {
      const spec: TensorSpec | undefined =
        w.name !== undefined ? have.find((s) => s.name === w.name) : have[i];
      const label = `${noun} "${w.name ?? spec?.name ?? `#${i}`}"`;
      if (!spec) {
        if (w.name !== undefined)
          problems.push(
            `${label} is missing (the model's ${side}: ${have.map((s) => s.name).join(', ') || 'none'})`,
          );
        return;
      }
      if (w.shape) {
        const exp = normalize(w.shape);
        if (spec.shape === null || formatShape(exp) !== formatShape(spec.shape)) {
          problems.push(
            `${label}: expected shape ${formatShape(exp)}, the model declares ${formatShape(spec.shape)}`,
          );
        }
      }
      if (w.dtype !== undefined && w.dtype !== spec.dtype) {
        problems.push(`${label}: expected dtype ${w.dtype}, the model declares ${spec.dtype}`);
      }
    });
  }
  return problems;
}

/** Differences between declared outputs and what a run actually returned. */
export function compareOutputs(declared: readonly TensorSpec[], outputs: NamedTensors): string[] {
  const problems: string[] = [];
  for (const spec of declared) {
    const t = outputs[spec.name];
    if (!t) {
      problems.push(`output "${spec.name}" is declared but was not returned`);
      continue;
    }
    if (!shapeAccepts(spec.shape, t.shape)) {
      problems.push(
        `output "${spec.name}": declared ${formatShape(spec.shape)}, got ${formatShape(t.shape)}`,
      );
    }
    if (spec.dtype !== 'unknown' && spec.dtype !== t.dtype) {
      problems.push(`output "${spec.name}": declared ${spec.dtype}, got ${t.dtype}`);
    }
  }
  return problems;
}

/** Input tensors that do not fit the declared inputs: `input "x": expected [-1,13], got [1,10]`. */
export function compareInputs(declared: readonly TensorSpec[], inputs: NamedTensors): string[] {
  const problems: string[] = [];
  for (const spec of declared) {
    const t = inputs[spec.name];
    if (!t)
      problems.push(`input "${spec.name}" is missing (given: ${Object.keys(inputs).join(', ') || 'none'})`);
    else if (!shapeAccepts(spec.shape, t.shape)) {
      problems.push(`input "${spec.name}": expected ${formatShape(spec.shape)}, got ${formatShape(t.shape)}`);
    }
  }
  const extra = Object.keys(inputs).filter((k) => !declared.some((s) => s.name === k));
  if (extra.length)
    problems.push(
      `unknown input${extra.length > 1 ? 's' : ''} ${extra.map((k) => `"${k}"`).join(', ')} (the model's inputs: ${declared.map((s) => s.name).join(', ')})`,
    );
  return problems;
}
