/**
 * A local Sigstore for tests, on 127.0.0.1 (a random port), no network: `@sigstore/mock`'s Fulcio
 * (`POST /api/v2/signingCert`: a certificate from an ephemeral CA for the OIDC token's identity) and
 * Rekor (`POST /api/v1/log/entries`: a log entry with a signed entry timestamp), served over real HTTP so
 * both an in-process signer and an action bundle in a child process reach them; plus a GitHub Actions
 * OIDC token service (what `ACTIONS_ID_TOKEN_REQUEST_URL` points at) that answers an unsigned JWT with
 * GitHub's claims, after checking the request token. `trustedRoot()` is the trust root a verifier needs
 * (the CA's root certificate and the log's key), as `@sigstore/verify` takes it.
 */
import { generateKeyPairSync, createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fulcioHandler, initializeCA, initializeTLog, type HandlerFn } from '@sigstore/mock';
import { HashAlgorithm, PublicKeyDetails, type TrustedRoot } from '@sigstore/protobuf-specs';

export const OIDC_ISSUER = 'https://token.actions.githubusercontent.com';

export interface SigstoreDouble {
  url: string;
  fulcioUrl: string;
  rekorUrl: string;
  /** ACTIONS_ID_TOKEN_REQUEST_URL / _TOKEN of a job with `id-token: write`. */
  oidcEnv: { ACTIONS_ID_TOKEN_REQUEST_URL: string; ACTIONS_ID_TOKEN_REQUEST_TOKEN: string };
  /** The identity (certificate SAN) the OIDC token gives: the workflow file at its ref. */
  identity: string;
  /** Requests per path, in order. */
  requests: string[];
  /** The OIDC tokens handed out (tests check they never reach an output). */
  tokens: string[];
  /** Answer the next `times` Fulcio requests with 503. */
  failFulcio(times: number): void;
  trustedRoot(): TrustedRoot;
  close(): Promise<void>;
}

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export async function startSigstore(repository = 'acme-ml/churn-model'): Promise<SigstoreDouble> {
  const caKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const tlogKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const ca = await initializeCA(caKey);
  const requests: string[] = [];
  const tokens: string[] = [];
  let fulcioFailures = 0;
  const requestToken = `oidc-request-${createHash('sha256').update(String(Math.random())).digest('hex').slice(0, 16)}`;
  const identity = `https://github.com/${repository}/.github/workflows/main-release.yml@refs/heads/main`;
  let server!: Server;
  await new Promise<void>((resolve) => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        void (async () => {
          const url = new URL(req.url ?? '/', 'http://127.0.0.1');
          requests.push(`${req.method} ${url.pathname}`);
          const body = Buffer.concat(chunks).toString('utf8');
          const answer = async (fn: HandlerFn) => {
            const r = await fn(body);
            res
              .writeHead(r.statusCode, { 'content-type': r.contentType ?? 'application/json' })
              .end(r.response);
          };
          if (url.pathname === '/oidc' && req.method === 'GET') {
            if (req.headers.authorization !== `Bearer ${requestToken}`) return void res.writeHead(401).end();
            const now = Math.floor(Date.now() / 1000);
            const jwt = `${b64url({ alg: 'RS256', typ: 'JWT' })}.${b64url({
              iss: OIDC_ISSUER,
              sub: `repo:${repository}:ref:refs/heads/main`,
              aud: url.searchParams.get('audience') ?? '',
              iat: now,
              exp: now + 300,
              san: identity,
              repository,
              ref: 'refs/heads/main',
              event_name: 'push',
              job_workflow_ref: `${repository}/.github/workflows/main-release.yml@refs/heads/main`,
              runner_environment: 'github-hosted',
            })}.c2lnbmF0dXJl`;
            tokens.push(jwt);
            return void res
              .writeHead(200, { 'content-type': 'application/json' })
              .end(JSON.stringify({ value: jwt }));
          }
          if (url.pathname === '/api/v2/signingCert' && req.method === 'POST') {
            if (fulcioFailures > 0) {
              fulcioFailures--;
              return void res
                .writeHead(503, { 'content-type': 'application/json' })
                .end('{"message":"unavailable"}');
            }
            return answer(fulcioHandler(ca, { subjectClaim: 'san' }).fn);
          }
          if (url.pathname === '/api/v1/log/entries' && req.method === 'POST') return answer(rekor);
          res.writeHead(404).end();
        })().catch((e: Error) => res.writeHead(500).end(e.message));
      });
    });
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const tlog = await initializeTLog(url, tlogKey);
  // Rekor stores a dsse entry in its canonical form (hashes and signatures, not the proposed envelope);
  // the mock logs what it is sent, so the double canonicalises first, as Rekor's dsse type v0.0.1 does.
  const rekor: HandlerFn = async (body) => {
    try {
      const proposed = JSON.parse(body) as {
        kind?: string;
        apiVersion?: string;
        spec?: { proposedContent?: { envelope: string; verifiers: string[] } };
      };
      let entry: object = proposed;
      if (proposed.kind === 'dsse' && proposed.spec?.proposedContent) {
        const { envelope, verifiers } = proposed.spec.proposedContent;
        const env = JSON.parse(envelope) as { payload: string; signatures: { sig: string }[] };
        const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
        entry = {
          apiVersion: '0.0.1',
          kind: 'dsse',
          spec: {
            envelopeHash: { algorithm: 'sha256', value: sha(envelope) },
            payloadHash: { algorithm: 'sha256', value: sha(Buffer.from(env.payload, 'base64')) },
            signatures: env.signatures.map((s) => ({ signature: s.sig, verifier: verifiers[0] })),
          },
        };
      }
      return {
        statusCode: 201,
        response: JSON.stringify(await tlog.log(entry)),
        contentType: 'application/json',
      };
    } catch (e) {
      return { statusCode: 400, response: (e as Error).message };
    }
  };
  return {
    url,
    fulcioUrl: url,
    rekorUrl: url,
    oidcEnv: { ACTIONS_ID_TOKEN_REQUEST_URL: `${url}/oidc`, ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken },
    identity,
    requests,
    tokens,
    failFulcio(times) {
      fulcioFailures = times;
    },
    trustedRoot(): TrustedRoot {
      const start = new Date(Date.now() - 3600_000);
      return {
        mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
        certificateAuthorities: [
          {
            subject: { commonName: 'sigstore', organization: 'sigstore.mock' },
            uri: url,
            certChain: { certificates: [{ rawBytes: Buffer.from(ca.rootCertificate.buffer) }] },
            validFor: { start },
            operator: 'sigstore.mock',
          },
        ],
        tlogs: [
          {
            baseUrl: url,
            hashAlgorithm: HashAlgorithm.SHA2_256,
            publicKey: {
              rawBytes: tlog.publicKey,
              keyDetails: PublicKeyDetails.PKIX_ECDSA_P256_SHA_256,
              validFor: { start },
            },
            logId: { keyId: createHash('sha256').update(tlog.publicKey).digest() },
            checkpointKeyId: undefined,
            operator: 'sigstore.mock',
          },
        ],
        ctlogs: [],
        timestampAuthorities: [],
      } as unknown as TrustedRoot;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
