/**
 * The serving app's entry (bundled to dist/serve/, `server.js` in images and `--emit` folders):
 * `node server.js` loads the model next to it (or MODEL_PATH) and serves it on PORT (default 8000).
 * `node server.js --healthcheck` asks a running server's /health and exits 0 or 1 (the image's
 * HEALTHCHECK), loading nothing heavy.
 */
import http from 'node:http';

async function healthcheck(): Promise<number> {
  const port = Number(process.env.PORT || 8000);
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/health', timeout: 3000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200 ? 0 : 1);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(1));
  });
}

if (process.argv.includes('--healthcheck')) process.exitCode = await healthcheck();
else {
  const { serve } = await import('./serve.js');
  await serve(process.env, process.argv.slice(2));
}
