/**
 * Keyless signing of `provenance.json` with Sigstore (`@sigstore/sign`): the workflow's OIDC token
 * (`permissions: id-token: write`) gets a short-lived certificate from Fulcio naming the workflow, the
 * statement is signed as a DSSE envelope (payload type `application/vnd.in-toto+json`, as in-toto requires
 * for attestations) and the signature is recorded in Rekor. The result is a Sigstore bundle (v0.3 JSON),
 * attached as `provenance.sigstore.json`; `cosign verify-blob-attestation --bundle`, `gh attestation
 * verify --bundle` and sigstore-js verify it (docs/release.md).
 *
 * When to sign (`sign`): `true` always (an error without a token); `false` never; `auto` when a token is
 * available and the repository is not private — the public Rekor log is public, and an entry names the
 * repository and workflow.
 */
import { bundleToJSON } from '@sigstore/bundle';
import { DSSEBundleBuilder, FulcioSigner, RekorWitness, type IdentityProvider } from '@sigstore/sign';
import { InputError, ModelCiError } from '../../core/errors.js';
import type { SignMode } from './options.js';
import { IN_TOTO_MEDIA_TYPE } from './provenance.js';

export const BUNDLE_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';

/**
 * The OIDC identity of this run: `SIGSTORE_ID_TOKEN` (as cosign reads it), else GitHub Actions' token
 * service (`ACTIONS_ID_TOKEN_REQUEST_URL`, present only with `id-token: write`), for audience `sigstore`.
 * `onToken` masks the token in the log.
 */
export function oidcIdentity(
  env: Record<string, string | undefined>,
  onToken: (token: string) => void = () => {},
): IdentityProvider | undefined {
  if (env.SIGSTORE_ID_TOKEN) {
    const token = env.SIGSTORE_ID_TOKEN;
    return {
      getToken: async () => {
        onToken(token);
        return token;
      },
    };
  }
  const url = env.ACTIONS_ID_TOKEN_REQUEST_URL;
  const bearer = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
  if (!url || !bearer) return undefined;
  return {
    async getToken() {
      const u = new URL(url);
      u.searchParams.set('audience', 'sigstore');
      let response: Response;
      try {
        response = await fetch(u, {
          headers: { Accept: 'application/json', Authorization: `Bearer ${bearer}` },
        });
      } catch (e) {
        throw new ModelCiError(`the OIDC token could not be requested: ${(e as Error).message}`);
      }
      if (!response.ok)
        throw new ModelCiError(`the OIDC token service answered ${response.status} ${response.statusText}`);
      const body = (await response.json()) as { value?: unknown };
      if (typeof body.value !== 'string' || !body.value)
        throw new ModelCiError('the OIDC token service answered without a token');
      onToken(body.value);
      return body.value;
    },
  };
}

/** Whether to sign, and why (for the log and the result). */
export function signingDecision(
  mode: SignMode,
  facts: { identity: boolean; repositoryPrivate?: boolean; dryRun: boolean },
): { sign: boolean; reason: string } {
  if (facts.dryRun) return { sign: false, reason: 'not signed: dry run' };
  if (mode === 'false') return { sign: false, reason: 'not signed (sign: false)' };
  if (!facts.identity) {
    if (mode === 'true')
      throw new InputError(
        'sign: true needs an OIDC token: give the release job "permissions: id-token: write" (or set SIGSTORE_ID_TOKEN)',
      );
    return {
      sign: false,
      reason: 'not signed: no OIDC token (the job has no "id-token: write" permission)',
    };
  }
  if (mode === 'auto' && facts.repositoryPrivate)
    return {
      sign: false,
      reason:
        'not signed: the repository is private, and the public Rekor log would publish its name and workflow (sign: true signs anyway)',
    };
  return { sign: true, reason: 'signed with Sigstore' };
}

export interface SigstoreEndpoints {
  fulcioUrl: string;
  rekorUrl: string;
}

/** Sign an in-toto statement (its exact bytes) and return the Sigstore bundle as JSON. */
export async function signStatement(
  payload: Buffer,
  identity: IdentityProvider,
  endpoints: SigstoreEndpoints,
): Promise<unknown> {
  const fetchOptions = { timeout: 30_000, retry: { retries: 2, factor: 2, minTimeout: 500 } };
  const signer = new FulcioSigner({
    identityProvider: identity,
    fulcioBaseURL: endpoints.fulcioUrl,
    ...fetchOptions,
  });
  const witness = new RekorWitness({ rekorBaseURL: endpoints.rekorUrl, entryType: 'dsse', ...fetchOptions });
  const builder = new DSSEBundleBuilder({ signer, witnesses: [witness] });
  try {
    const bundle = await builder.create({ data: payload, type: IN_TOTO_MEDIA_TYPE });
    return bundleToJSON(bundle);
  } catch (e) {
    const err = e as Error & { cause?: Error };
    const why = [err.message, err.cause?.message].filter(Boolean).join(': ');
    throw new ModelCiError(
      `signing provenance.json with Sigstore failed (${why.slice(0, 300)}); nothing was released — re-run, or set sign: false`,
    );
  }
}
