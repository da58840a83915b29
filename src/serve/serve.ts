/**
 * Start-up and shutdown of the serving app: settings from the environment, the model loaded with the
 * WebAssembly backends (no native addon needed in the image), its digest, the HTTP server, SIGTERM.
 */
import { basename } from 'node:path';
import { ModelCiError } from '../core/errors.js';
import { loadModel } from '../model/load-model.js';
import { listModelFiles, modelDigest } from '../model/model-files.js';
import { moduleDir } from '../model/runtime-paths.js';
import type { BackendRequest } from '../model/types.js';
import { createServingApp } from './app.js';
import { createMetrics } from './metrics.js';
import { jsonLogger } from './request-log.js';
import { readSettings, SettingsError } from './settings.js';

export async function serve(env: NodeJS.ProcessEnv, _argv: string[]): Promise<void> {
  const logger = jsonLogger((line) => process.stdout.write(line), []);
  const fail = (message: string): never => {
    logger.log({ level: 'error', msg: message });
    process.exit(2);
  };
  let settings;
  try {
    settings = readSettings(env, moduleDir());
  } catch (e) {
    if (e instanceof SettingsError) return fail(e.message);
    throw e;
  }
  const requestLogger = jsonLogger((line) => process.stdout.write(line), settings.logRedact);
  const t0 = performance.now();
  let model;
  let digest: string;
  try {
    const files = listModelFiles(settings.modelPath);
    digest = settings.modelDigest ?? modelDigest(files.files);
    model = await loadModel(settings.modelPath, {
      backend: settings.backend as BackendRequest,
      onNote: (m) => logger.log({ level: 'warn', msg: m }),
    });
  } catch (e) {
    if (e instanceof ModelCiError) return fail(`cannot load the model: ${e.message}`);
    return fail(`cannot load the model from ${settings.modelPath}: ${(e as Error).message}`);
  }
  const name = settings.modelName ?? basename(model.file).replace(/\.(json|onnx|ort)$/i, '');
  const app = createServingApp(
    model,
    { name, version: settings.modelVersion, digest },
    settings,
    createMetrics(),
    requestLogger,
  );
  app.server.on('error', (e) => fail(`cannot listen on ${settings.host}:${settings.port}: ${e.message}`));
  app.server.listen(settings.port, settings.host, () => {
    const address = app.server.address();
    logger.log({
      level: 'info',
      msg: 'listening',
      port: typeof address === 'object' && address ? address.port : settings.port,
      model: model.file,
      format: model.format,
      backend: model.backend,
      version: settings.modelVersion,
      digest,
      load_ms: Math.round(performance.now() - t0),
    });
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      void app.shutdown(signal).then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}
