/**
 * The Actions artifact service for tests: a local Twirp endpoint (`ArtifactService/CreateArtifact` and
 * `FinalizeArtifact`, the JSON that `@actions/artifact` sends to ACTIONS_RESULTS_URL) in front of a real
 * Azure Blob server (Azurite from npm, in memory, on a random 127.0.0.1 port). CreateArtifact answers with
 * a SAS-signed upload URL into Azurite, exactly the shape the real service gives, so `@actions/artifact`
 * streams the zip to real blob storage. Every request is checked (method, path, the backend ids from the
 * runtime token, the artifact name) and problems are collected in `problems`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  BlobSASPermissions,
  BlobServiceClient,
  StorageSharedKeyCredential,
  generateBlobSASQueryParameters,
} from '@azure/storage-blob';
import { ROOT } from './run-bundle.js';

// Azurite's well-known development account (public, documented; not a secret).
const ACCOUNT = 'devstoreaccount1';
const KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const RUN = 'ce7f54c7-61c7-4aae-887f-30da475f5f1a';
const JOB = 'ca395085-040a-526b-2ce8-bdc85f692774';

export interface FinalizedArtifact {
  id: number;
  name: string;
  size: number;
  hash?: string;
}

export class ArtifactService {
  readonly problems: string[] = [];
  readonly artifacts: FinalizedArtifact[] = [];
  private azurite?: ChildProcess;
  private server?: Server;
  private blobUrl = '';
  private resultsUrl = '';

  static async start(): Promise<ArtifactService> {
    const s = new ArtifactService();
    await s.startAzurite();
    await s.startTwirp();
    return s;
  }

  /** The runner variables `@actions/artifact` reads (a runtime token carrying the run and job ids). */
  env(): Record<string, string> {
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const token = `${part({ alg: 'none', typ: 'JWT' })}.${part({ scp: `Actions.GenericRead Actions.Results:${RUN}:${JOB}` })}.sig`;
    return { ACTIONS_RUNTIME_TOKEN: token, ACTIONS_RESULTS_URL: `${this.resultsUrl}/` };
  }

  private blobService(): BlobServiceClient {
    return new BlobServiceClient(`${this.blobUrl}/${ACCOUNT}`, new StorageSharedKeyCredential(ACCOUNT, KEY));
  }

  /** The uploaded zip of an artifact, as stored in Azurite. */
  async download(name: string): Promise<Buffer> {
    return this.blobService().getContainerClient('artifacts').getBlobClient(`${name}.zip`).downloadToBuffer();
  }

  private startAzurite(): Promise<void> {
    const bin = join(ROOT, 'node_modules', 'azurite', 'dist', 'src', 'blob', 'main.js');
    this.azurite = spawn(
      process.execPath,
      [
        bin,
        '--blobHost',
        '127.0.0.1',
        '--blobPort',
        '0',
        '--inMemoryPersistence',
        '--skipApiVersionCheck',
        '--disableTelemetry',
        '--silent',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    return new Promise((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`azurite did not start: ${out}`)), 60_000);
      const onData = (d: Buffer) => {
        out += String(d);
        const m = /listens on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          this.blobUrl = m[1];
          resolve();
        }
      };
      this.azurite!.stdout!.on('data', onData);
      this.azurite!.stderr!.on('data', onData);
      this.azurite!.on('exit', (code) => reject(new Error(`azurite exited (${code}): ${out}`)));
    });
  }

  private async startTwirp(): Promise<void> {
    await this.blobService().getContainerClient('artifacts').createIfNotExists();
    this.server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const answer = (status: number, body: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      const method = /^\/twirp\/github\.actions\.results\.api\.v1\.ArtifactService\/(\w+)$/.exec(
        req.url ?? '',
      )?.[1];
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        this.problems.push(`${req.url}: body is not JSON`);
      }
      if (req.method !== 'POST' || !method) {
        this.problems.push(`${req.method} ${req.url}: not an ArtifactService method`);
        return answer(404, { code: 'bad_route', msg: 'no such method' });
      }
      if (!String(req.headers.authorization ?? '').startsWith('Bearer '))
        this.problems.push(`${method}: no bearer token`);
      // Twirp's JSON uses the protobuf field names (snake_case).
      if (body.workflow_run_backend_id !== RUN || body.workflow_job_run_backend_id !== JOB)
        this.problems.push(
          `${method}: backend ids ${body.workflow_run_backend_id}/${body.workflow_job_run_backend_id} are not the token's`,
        );
      const name = String(body.name ?? '');
      if (!name) this.problems.push(`${method}: no artifact name`);
      if (method === 'CreateArtifact') {
        const sas = generateBlobSASQueryParameters(
          {
            containerName: 'artifacts',
            blobName: `${name}.zip`,
            permissions: BlobSASPermissions.parse('cw'),
            expiresOn: new Date(Date.now() + 3600_000),
          },
          new StorageSharedKeyCredential(ACCOUNT, KEY),
        ).toString();
        return answer(200, {
          ok: true,
          signed_upload_url: `${this.blobUrl}/${ACCOUNT}/artifacts/${encodeURIComponent(name)}.zip?${sas}`,
        });
      }
      if (method === 'FinalizeArtifact') {
        const id = 1000 + this.artifacts.length;
        this.artifacts.push({
          id,
          name,
          size: Number(body.size),
          hash: (body.hash as string | undefined) ?? undefined,
        });
        return answer(200, { ok: true, artifact_id: String(id) });
      }
      this.problems.push(`${method}: not implemented by the test service`);
      return answer(501, { code: 'unimplemented', msg: method });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.resultsUrl = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    if (this.azurite && this.azurite.exitCode === null) {
      const exited = new Promise((r) => this.azurite!.once('exit', r));
      this.azurite.kill('SIGTERM');
      await exited;
    }
  }
}
