export const id = 821;
export const ids = [821];
export const modules = {

/***/ 43980:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Y5: () => (/* binding */ buildStatement),
/* harmony export */   dj: () => (/* binding */ canonicalJson),
/* harmony export */   xy: () => (/* binding */ IN_TOTO_MEDIA_TYPE)
/* harmony export */ });
/* unused harmony exports STATEMENT_TYPE, SLSA_PROVENANCE_V1, RELEASE_BUILD_TYPE, LOCAL_BUILDER, parseWorkflowRef */
/**
 * `provenance.json`: an in-toto Statement v1 (github.com/in-toto/attestation, spec/v1/statement.md)
 * whose predicate is SLSA provenance v1 (slsa.dev/spec/v1.0/provenance).
 *
 * - subject: every model file (name = path in the repository, digest = sha256 as `sha256sum` prints it)
 *   and the serving image (name = its repository, digest = the manifest digest the registry reported);
 * - buildDefinition.buildType: `https://model-ci.dev/buildtypes/release/v1` (docs/release.md describes
 *   it); externalParameters: the workflow (ref, repository, path — as GitHub's own workflow build type
 *   records it) and the release options; internalParameters: the GitHub run's facts and the tool version;
 *   resolvedDependencies: the source commit (`gitCommit`), the data files and the result files the release
 *   was judged on (sha256 each);
 * - runDetails: the builder (`https://github.com/actions/runner/github-hosted` or `…/self-hosted` on
 *   Actions, `https://model-ci.dev/builders/local/v1` elsewhere) with `version: {model-ci}`, and the
 *   run as `invocationId` (`<server>/<repo>/actions/runs/<id>/attempts/<n>`) with start and finish times.
 *
 * Serialised with sorted keys and no insignificant whitespace differences between runs, so the bytes a
 * signature covers are the bytes of the attached file.
 */
const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
const SLSA_PROVENANCE_V1 = 'https://slsa.dev/provenance/v1';
const RELEASE_BUILD_TYPE = 'https://model-ci.dev/buildtypes/release/v1';
const LOCAL_BUILDER = 'https://model-ci.dev/builders/local/v1';
const IN_TOTO_MEDIA_TYPE = 'application/vnd.in-toto+json';
/** `owner/repo/.github/workflows/x.yml@refs/heads/main` -> its path and ref. */
function parseWorkflowRef(workflowRef, repository) {
    const at = workflowRef.lastIndexOf('@');
    const left = at < 0 ? workflowRef : workflowRef.slice(0, at);
    const ref = at < 0 ? undefined : workflowRef.slice(at + 1);
    const path = left.startsWith(`${repository}/`) ? left.slice(repository.length + 1) : undefined;
    return { path, ref };
}
function buildStatement(input) {
    const run = input.run;
    const workflow = run?.workflowRef ? parseWorkflowRef(run.workflowRef, run.repository) : undefined;
    const externalParameters = {
        ...(run && workflow
            ? {
                workflow: {
                    ref: workflow.ref ?? input.ref ?? '',
                    repository: `${run.serverUrl}/${run.repository}`,
                    path: workflow.path ?? '',
                },
            }
            : {}),
        release: {
            tagPrefix: input.release.tagPrefix,
            force: input.release.force,
            floatingTag: input.release.floatingTag,
            ...(input.release.explicitVersion ? { version: input.release.explicitVersion } : {}),
        },
    };
    const internalParameters = {
        ...(run
            ? {
                github: {
                    ...(run.eventName ? { event_name: run.eventName } : {}),
                    ...(run.repositoryId ? { repository_id: run.repositoryId } : {}),
                    ...(run.repositoryOwnerId ? { repository_owner_id: run.repositoryOwnerId } : {}),
                    ...(run.runnerEnvironment ? { runner_environment: run.runnerEnvironment } : {}),
                },
            }
            : {}),
        model_ci: {
            version: input.toolVersion,
            release: {
                version: input.release.version,
                tag: input.release.tag,
                ...(input.release.previousTag ? { previousTag: input.release.previousTag } : {}),
            },
        },
    };
    const source = {
        ...(input.repositoryUri ? { uri: `${input.repositoryUri}${input.ref ? `@${input.ref}` : ''}` } : {}),
        digest: { gitCommit: input.commit },
    };
    const builderId = run
        ? `https://github.com/actions/runner/${run.runnerEnvironment === 'self-hosted' ? 'self-hosted' : 'github-hosted'}`
        : LOCAL_BUILDER;
    return {
        _type: STATEMENT_TYPE,
        subject: input.subjects,
        predicateType: SLSA_PROVENANCE_V1,
        predicate: {
            buildDefinition: {
                buildType: RELEASE_BUILD_TYPE,
                externalParameters,
                internalParameters,
                resolvedDependencies: [source, ...input.materials],
            },
            runDetails: {
                builder: { id: builderId, version: { 'model-ci': input.toolVersion } },
                metadata: {
                    ...(run
                        ? {
                            invocationId: `${run.serverUrl}/${run.repository}/actions/runs/${run.runId}/attempts/${run.runAttempt}`,
                        }
                        : {}),
                    startedOn: input.startedOn,
                    finishedOn: input.finishedOn,
                },
            },
        },
    };
}
/** JSON with object keys sorted at every level, two-space indented, ending in a newline. */
function canonicalJson(value) {
    const sort = (v) => Array.isArray(v)
        ? v.map(sort)
        : v && typeof v === 'object'
            ? Object.fromEntries(Object.keys(v)
                .sort()
                .map((k) => [k, sort(v[k])]))
            : v;
    return `${JSON.stringify(sort(value), null, 2)}\n`;
}


/***/ }),

/***/ 84821:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Aw: () => (/* binding */ signingDecision),
/* harmony export */   NV: () => (/* binding */ BUNDLE_MEDIA_TYPE),
/* harmony export */   fT: () => (/* binding */ signStatement),
/* harmony export */   oidcIdentity: () => (/* binding */ oidcIdentity)
/* harmony export */ });
/* harmony import */ var _sigstore_bundle__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(61040);
/* harmony import */ var _sigstore_sign__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(15179);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(74296);
/* harmony import */ var _provenance_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(43980);
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




const BUNDLE_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
/**
 * The OIDC identity of this run: `SIGSTORE_ID_TOKEN` (as cosign reads it), else GitHub Actions' token
 * service (`ACTIONS_ID_TOKEN_REQUEST_URL`, present only with `id-token: write`), for audience `sigstore`.
 * `onToken` masks the token in the log.
 */
function oidcIdentity(env, onToken = () => { }) {
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
    if (!url || !bearer)
        return undefined;
    return {
        async getToken() {
            const u = new URL(url);
            u.searchParams.set('audience', 'sigstore');
            let response;
            try {
                response = await fetch(u, {
                    headers: { Accept: 'application/json', Authorization: `Bearer ${bearer}` },
                });
            }
            catch (e) {
                throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ModelCiError */ .M$(`the OIDC token could not be requested: ${e.message}`);
            }
            if (!response.ok)
                throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ModelCiError */ .M$(`the OIDC token service answered ${response.status} ${response.statusText}`);
            const body = (await response.json());
            if (typeof body.value !== 'string' || !body.value)
                throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ModelCiError */ .M$('the OIDC token service answered without a token');
            onToken(body.value);
            return body.value;
        },
    };
}
/** Whether to sign, and why (for the log and the result). */
function signingDecision(mode, facts) {
    if (facts.dryRun)
        return { sign: false, reason: 'not signed: dry run' };
    if (mode === 'false')
        return { sign: false, reason: 'not signed (sign: false)' };
    if (!facts.identity) {
        if (mode === 'true')
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz('sign: true needs an OIDC token: give the release job "permissions: id-token: write" (or set SIGSTORE_ID_TOKEN)');
        return {
            sign: false,
            reason: 'not signed: no OIDC token (the job has no "id-token: write" permission)',
        };
    }
    if (mode === 'auto' && facts.repositoryPrivate)
        return {
            sign: false,
            reason: 'not signed: the repository is private, and the public Rekor log would publish its name and workflow (sign: true signs anyway)',
        };
    return { sign: true, reason: 'signed with Sigstore' };
}
/** Sign an in-toto statement (its exact bytes) and return the Sigstore bundle as JSON. */
async function signStatement(payload, identity, endpoints) {
    const fetchOptions = { timeout: 30_000, retry: { retries: 2, factor: 2, minTimeout: 500 } };
    const signer = new _sigstore_sign__WEBPACK_IMPORTED_MODULE_1__/* .FulcioSigner */ .$o({
        identityProvider: identity,
        fulcioBaseURL: endpoints.fulcioUrl,
        ...fetchOptions,
    });
    const witness = new _sigstore_sign__WEBPACK_IMPORTED_MODULE_1__/* .RekorWitness */ .fU({ rekorBaseURL: endpoints.rekorUrl, entryType: 'dsse', ...fetchOptions });
    const builder = new _sigstore_sign__WEBPACK_IMPORTED_MODULE_1__/* .DSSEBundleBuilder */ .VV({ signer, witnesses: [witness] });
    try {
        const bundle = await builder.create({ data: payload, type: _provenance_js__WEBPACK_IMPORTED_MODULE_3__/* .IN_TOTO_MEDIA_TYPE */ .xy });
        return (0,_sigstore_bundle__WEBPACK_IMPORTED_MODULE_0__.bundleToJSON)(bundle);
    }
    catch (e) {
        const err = e;
        const why = [err.message, err.cause?.message].filter(Boolean).join(': ');
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ModelCiError */ .M$(`signing provenance.json with Sigstore failed (${why.slice(0, 300)}); nothing was released — re-run, or set sign: false`);
    }
}


/***/ })

};
