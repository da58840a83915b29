/**
 * Signing provenance.json with Sigstore, against `@sigstore/mock`'s Fulcio and Rekor served locally (no
 * network): the bundle's DSSE envelope carries the exact bytes of the statement, and `@sigstore/verify`
 * accepts it for the workflow's identity under the mock's trust root — and rejects a changed statement
 * or another identity. When to sign, and the OIDC token request, are checked too.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { bundleFromJSON } from '@sigstore/bundle';
import { toSignedEntity, toTrustMaterial, Verifier } from '@sigstore/verify';
import { InputError, ModelCiError } from '../../../src/core/errors.js';
import { oidcIdentity, signingDecision, signStatement } from '../../../src/checks/release/sigstore.js';
import { OIDC_ISSUER, startSigstore, type SigstoreDouble } from '../../helpers/sigstore-double.js';

let sigstore: SigstoreDouble;
beforeAll(async () => {
  sigstore = await startSigstore();
});
afterAll(() => sigstore.close());

const statement = Buffer.from(
  `${JSON.stringify({ _type: 'https://in-toto.io/Statement/v1', subject: [{ name: 'model/weights.bin', digest: { sha256: 'ab'.repeat(32) } }], predicateType: 'https://slsa.dev/provenance/v1', predicate: {} }, null, 2)}\n`,
);

function verify(bundleJson: unknown, identity = sigstore.identity) {
  const verifier = new Verifier(toTrustMaterial(sigstore.trustedRoot()), {
    tlogThreshold: 1,
    ctlogThreshold: 0,
    timestampThreshold: 1,
  });
  return verifier.verify(toSignedEntity(bundleFromJSON(bundleJson)), {
    subjectAlternativeName: identity,
    extensions: { issuer: OIDC_ISSUER },
  });
}

describe('Sigstore signing of provenance.json', () => {
  test('a DSSE bundle over the exact statement bytes, recorded in Rekor, that verifies for the workflow identity', async () => {
    const masked: string[] = [];
    const identity = oidcIdentity({ ...sigstore.oidcEnv }, (t) => masked.push(t))!;
    const bundle = (await signStatement(statement, identity, sigstore)) as {
      mediaType: string;
      dsseEnvelope: { payload: string; payloadType: string; signatures: unknown[] };
      verificationMaterial: { tlogEntries: unknown[] };
    };
    expect(bundle.mediaType).toBe('application/vnd.dev.sigstore.bundle.v0.3+json');
    expect(bundle.dsseEnvelope.payloadType).toBe('application/vnd.in-toto+json');
    expect(Buffer.from(bundle.dsseEnvelope.payload, 'base64').equals(statement)).toBe(true);
    expect(bundle.verificationMaterial.tlogEntries).toHaveLength(1);
    expect(sigstore.requests).toEqual(['GET /oidc', 'POST /api/v2/signingCert', 'POST /api/v1/log/entries']);
    expect(masked).toEqual(sigstore.tokens);
    const signer = verify(bundle);
    expect(signer.identity?.subjectAlternativeName).toBe(sigstore.identity);

    // A changed statement, or another identity, does not verify.
    const forged = structuredClone(bundle);
    forged.dsseEnvelope.payload = Buffer.from(statement.toString().replace('ab', 'cd')).toString('base64');
    expect(() => verify(forged)).toThrow();
    expect(() =>
      verify(bundle, 'https://github.com/mallory/churn/.github/workflows/x.yml@refs/heads/main'),
    ).toThrow();
  });

  test('a Fulcio outage is a clear error that says nothing was released', async () => {
    sigstore.failFulcio(10);
    const identity = oidcIdentity({ ...sigstore.oidcEnv })!;
    await expect(signStatement(statement, identity, sigstore)).rejects.toThrow(ModelCiError);
    await expect(signStatement(statement, identity, sigstore)).rejects.toThrow(
      /^signing provenance\.json with Sigstore failed \(.*\); nothing was released — re-run, or set sign: false$/,
    );
    sigstore.failFulcio(0);
  });

  test('the OIDC token: SIGSTORE_ID_TOKEN, else the Actions token service with audience sigstore, else none', async () => {
    expect(oidcIdentity({})).toBeUndefined();
    expect(
      oidcIdentity({ ACTIONS_ID_TOKEN_REQUEST_URL: sigstore.oidcEnv.ACTIONS_ID_TOKEN_REQUEST_URL }),
    ).toBeUndefined();
    expect(await oidcIdentity({ SIGSTORE_ID_TOKEN: 'a.b.c' })!.getToken()).toBe('a.b.c');
    const wrong = oidcIdentity({ ...sigstore.oidcEnv, ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'nope' })!;
    await expect(wrong.getToken()).rejects.toThrow('the OIDC token service answered 401');
    const token = await oidcIdentity({ ...sigstore.oidcEnv })!.getToken();
    expect(JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString())).toMatchObject({
      aud: 'sigstore',
      iss: OIDC_ISSUER,
    });
  });

  test.each([
    ['auto', true, false, false, true, 'signed with Sigstore'],
    [
      'auto',
      false,
      false,
      false,
      false,
      'not signed: no OIDC token (the job has no "id-token: write" permission)',
    ],
    [
      'auto',
      true,
      true,
      false,
      false,
      'not signed: the repository is private, and the public Rekor log would publish its name and workflow (sign: true signs anyway)',
    ],
    ['true', true, true, false, true, 'signed with Sigstore'],
    ['false', true, false, false, false, 'not signed (sign: false)'],
    ['true', true, false, true, false, 'not signed: dry run'],
  ] as const)(
    'sign: %s, token %s, private %s, dry run %s -> %s',
    (mode, identity, repositoryPrivate, dryRun, sign, reason) => {
      expect(signingDecision(mode, { identity, repositoryPrivate, dryRun })).toEqual({ sign, reason });
    },
  );

  test('sign: true without a token is an input error', () => {
    expect(() => signingDecision('true', { identity: false, dryRun: false })).toThrow(InputError);
  });
});
