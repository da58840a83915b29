import { describe, test, expect } from '@jest/globals';
import {
  copyFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFormatError } from '../../src/core/errors.js';
import { findJsonSyntaxError } from '../../src/core/json-syntax.js';
import { lineColumn } from '../../src/core/json-file.js';
import { readTfjsArtifacts } from '../../src/model/tfjs-io.js';

const DEMO = 'workflows-examples/demo/model';
const GRAPH = 'test/fixtures/models/tfjs-graph';

/** A scratch copy of a model folder, so a test can break it. */
function copyModel(dir: string): string {
  const tmp = mkdtempSync(join(tmpdir(), 'model-ci-io-'));
  for (const f of readdirSync(dir))
    if (f.endsWith('.json') || f.endsWith('.bin')) copyFileSync(join(dir, f), join(tmp, f));
  return tmp;
}

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected an error');
}

describe('readTfjsArtifacts', () => {
  test('reads the demo layers model: one shard, all weights', () => {
    const { artifacts, format } = readTfjsArtifacts(join(DEMO, 'model.json'));
    expect(format).toBe('tfjs-layers');
    expect(artifacts.weightSpecs.map((w) => [w.name, w.shape])).toEqual([
      ['hidden/kernel', [13, 16]],
      ['hidden/bias', [16]],
      ['churn_probability/kernel', [16, 1]],
      ['churn_probability/bias', [1]],
    ]);
    expect(artifacts.weightData.byteLength).toBe((13 * 16 + 16 + 16 + 1) * 4);
  });

  test('concatenates the shards of a graph model in manifest order', () => {
    const { artifacts, format } = readTfjsArtifacts(join(GRAPH, 'model.json'));
    expect(format).toBe('tfjs-graph');
    expect(artifacts.weightData.byteLength).toBe(60);
    const w = new Float32Array(artifacts.weightData);
    expect(w[0]).toBeCloseTo(-0.5, 7);
    expect(w[12]).toBe(0); // b[0], the first float of the second shard
  });

  test('a missing shard names the file and where the manifest lists it', () => {
    const dir = copyModel(GRAPH);
    try {
      rmSync(join(dir, 'group1-shard2of2.bin'));
      const err = thrown(() => readTfjsArtifacts(join(dir, 'model.json')));
      expect(err).toBeInstanceOf(DataFormatError);
      expect(err.message).toBe(
        `${join(dir, 'group1-shard2of2.bin')}: weight shard is missing (listed in ${join(dir, 'model.json')} weightsManifest[0].paths[1])`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('truncated weights report the byte count against what the manifest requires', () => {
    const dir = copyModel(DEMO);
    try {
      truncateSync(join(dir, 'weights.bin'), 900);
      const err = thrown(() => readTfjsArtifacts(join(dir, 'model.json')));
      expect(err).toBeInstanceOf(DataFormatError);
      expect(err.message).toBe(
        `${join(dir, 'weights.bin')}: weights are truncated: the shard hold 900 bytes, the weights manifest requires 964 bytes`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('extra bytes are a note, not an error', () => {
    const dir = copyModel(DEMO);
    try {
      writeFileSync(
        join(dir, 'weights.bin'),
        Buffer.concat([readFileSync(join(dir, 'weights.bin')), Buffer.alloc(4)]),
      );
      const notes: string[] = [];
      readTfjsArtifacts(join(dir, 'model.json'), (n) => notes.push(n));
      expect(notes).toEqual([
        `${join(dir, 'weights.bin')}: shards hold 968 bytes, the manifest uses 964; the rest is ignored`,
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test.each([
    ['{\n  "modelTopology": {},\n  "weightsManifest": [}\n', 3, 23, 'unexpected "}" (expected a value)'],
    [
      '{"format": "layers-model",\n "modelTopology": {"a": 1,}}',
      2,
      27,
      'unexpected "}" (expected a property name in double quotes)',
    ],
    ['', 1, 1, 'unexpected end of input (expected a value)'],
    ['{"a": 1} x', 1, 10, 'unexpected "x" after the JSON value'],
  ])('malformed model.json %# gives file:line:column', (text, line, column, why) => {
    const dir = mkdtempSync(join(tmpdir(), 'model-ci-io-'));
    try {
      writeFileSync(join(dir, 'model.json'), text);
      const err = thrown(() => readTfjsArtifacts(join(dir, 'model.json')));
      expect(err).toBeInstanceOf(DataFormatError);
      expect(err.message).toBe(
        `${join(dir, 'model.json')}:${line}:${column}: not valid TF.js model.json: ${why}`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('JSON that is not a model says what was expected', () => {
    const dir = mkdtempSync(join(tmpdir(), 'model-ci-io-'));
    try {
      writeFileSync(join(dir, 'model.json'), '{"layers": []}');
      expect(thrown(() => readTfjsArtifacts(join(dir, 'model.json'))).message).toBe(
        `${join(dir, 'model.json')}: expected a TF.js model.json: an object with "modelTopology" and "weightsManifest"`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('findJsonSyntaxError', () => {
  test.each([
    ['{"a": [1, 2, 3], "b": {"c": null, "d": "x\\"y"}, "e": -1.5e3}', undefined],
    ['[1, 2,]', 6],
    ['{"a" 1}', 5],
    ['"abc', 4],
    ['[01]', 2],
    ['tru', 3],
    ['{"a": "\\q"}', 8],
    ['[1] [2]', 4],
  ])('%s', (text, offset) => {
    const JsonOk = (() => {
      try {
        JSON.parse(text);
        return true;
      } catch {
        return false;
      }
    })();
    const problem = findJsonSyntaxError(text);
    expect(problem?.offset).toBe(offset);
    expect(problem === undefined).toBe(JsonOk);
  });

  test('lineColumn counts from 1', () => {
    expect(lineColumn('ab\ncd\nef', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\ncd\nef', 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumn('ab\ncd\nef', 6)).toEqual({ line: 3, column: 1 });
  });
});
