import { describe, expect, test } from '@jest/globals';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readResultFile } from '../../src/core/validate-result.js';
import { ROOT, runBundle } from '../helpers/run-bundle.js';

/** A workspace holding the demo model repo and the test model fixtures, as a user's checkout would. */
function workspace(): string {
  const ws = mkdtempSync(join(tmpdir(), 'smoke-ws-'));
  cpSync(join(ROOT, 'workflows-examples/demo'), ws, { recursive: true });
  cpSync(join(ROOT, 'test/fixtures/models'), join(ws, 'fixtures'), { recursive: true });
  cpSync(join(ROOT, 'test/checks/smoke/fixtures/server.mjs'), join(ws, 'server.mjs'));
  return ws;
}

describe('actions/smoke (dist/smoke) under Node 24', () => {
  test.each(['wasm', 'cpu'])(
    'runs the demo TF.js model on the %s backend against its golden file',
    async (backend) => {
      const ws = workspace();
      const run = await runBundle('smoke', {
        workspace: ws,
        inputs: {
          model: 'model/model.json',
          golden: 'smoke/golden.json',
          backend,
          runs: '5',
          'latency-p95-ms': '500',
          'result-path': 'smoke.json',
        },
      });
      expect(run.failures).toEqual([]);
      expect(run.code).toBe(0);
      expect(run.outputs).toMatchObject({ status: 'pass', backend, 'result-path': join(ws, 'smoke.json') });
      const r = readResultFile(join(ws, 'smoke.json'));
      expect(r.details.backend).toBe(backend);
      expect(r.metrics.latency_p95_ms).toEqual(expect.any(Number));
      expect(
        (r.details.checks as { name: string; status: string }[]).find((c) => c.name === 'golden')?.status,
      ).toBe('pass');
      expect(run.summary).toContain('Inference smoke test');
    },
  );

  test('runs a real ONNX model with onnxruntime-web from the bundle', async () => {
    const ws = workspace();
    const run = await runBundle('smoke', {
      workspace: ws,
      inputs: { model: 'fixtures/linear-sigmoid.onnx', runs: '5', batch: '8' },
    });
    expect(run.failures).toEqual([]);
    expect(run.outputs.backend).toBe('onnxruntime-web');
    expect(readResultFile(run.outputs['result-path']).status).toBe('pass');
  });

  test('a model that returns NaN fails the step with a finding', async () => {
    const ws = workspace();
    const run = await runBundle('smoke', {
      workspace: ws,
      inputs: { model: 'fixtures/nan-output.onnx', runs: '2' },
    });
    expect(run.code).toBe(1);
    expect(run.outputs.status).toBe('fail');
    const r = readResultFile(run.outputs['result-path']);
    expect(r.findings.map((f) => f.id)).toContain('smoke/non-finite-output');
    expect(run.failures).toContainEqual(
      expect.stringMatching(/^Inference smoke test: 1 of \d+ checks failed \(finite\)/),
    );
  });

  test('starts an HTTP server given as a command (no shell), checks it and stops it', async () => {
    const ws = workspace();
    writeFileSync(join(ws, 'rows.json'), '[[0.1, 0.2, 0.3], [0.4, -0.5, 0.6], [1, 2, 3], [0, 0, 0]]');
    const run = await runBundle('smoke', {
      workspace: ws,
      inputs: {
        inputs: 'rows.json',
        url: 'http://127.0.0.1:{port}/predict',
        start: `'${process.execPath}' server.mjs ok {port}`,
        runs: '3',
        batch: '4',
        'start-timeout-ms': '20000',
      },
    });
    expect(run.failures).toEqual([]);
    const r = readResultFile(run.outputs['result-path']);
    expect(r.status).toBe('pass');
    expect(r.details.backend).toBe('http');
    expect((r.details.server as { command: string[] }).command).toEqual([
      process.execPath,
      'server.mjs',
      'ok',
      expect.stringMatching(/^\d+$/),
    ]);
  });

  test('a missing model file is an input error that fails the step in one line', async () => {
    const ws = workspace();
    const run = await runBundle('smoke', { workspace: ws, inputs: { model: 'model/nope.json' } });
    expect(run.code).toBe(1);
    expect(run.failures).toHaveLength(1);
    expect(run.failures[0]).toContain('nope.json');
    expect(run.outputs.status).toBeUndefined();
  });
});
