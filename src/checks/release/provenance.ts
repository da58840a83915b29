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

export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
export const SLSA_PROVENANCE_V1 = 'https://slsa.dev/provenance/v1';
export const RELEASE_BUILD_TYPE = 'https://model-ci.dev/buildtypes/release/v1';
export const LOCAL_BUILDER = 'https://model-ci.dev/builders/local/v1';
export const IN_TOTO_MEDIA_TYPE = 'application/vnd.in-toto+json';

/** in-toto ResourceDescriptor (spec/v1/resource_descriptor.md): one of uri, digest, content is required. */
export interface ResourceDescriptor {
  name?: string;
  uri?: string;
  digest?: Record<string, string>;
  downloadLocation?: string;
  mediaType?: string;
  annotations?: Record<string, unknown>;
}

export interface ProvenancePredicate {
  buildDefinition: {
    buildType: string;
    externalParameters: Record<string, unknown>;
    internalParameters?: Record<string, unknown>;
    resolvedDependencies?: ResourceDescriptor[];
  };
  runDetails: {
    builder: { id: string; version?: Record<string, string>; builderDependencies?: ResourceDescriptor[] };
    metadata?: { invocationId?: string; startedOn?: string; finishedOn?: string };
    byproducts?: ResourceDescriptor[];
  };
}

export interface Statement {
  _type: typeof STATEMENT_TYPE;
  subject: ResourceDescriptor[];
  predicateType: typeof SLSA_PROVENANCE_V1;
  predicate: ProvenancePredicate;
}

/** The GitHub Actions run a release came from (absent on a laptop). */
export interface RunFacts {
  serverUrl: string;
  repository: string;
  runId: string;
  runAttempt: string;
  /** `owner/repo/.github/workflows/release.yml@refs/heads/main` (GITHUB_WORKFLOW_REF). */
  workflowRef?: string;
  eventName?: string;
  repositoryId?: string;
  repositoryOwnerId?: string;
  /** `github-hosted` or `self-hosted` (RUNNER_ENVIRONMENT). */
  runnerEnvironment?: string;
}

export interface ProvenanceInput {
  subjects: ResourceDescriptor[];
  /** `git+https://github.com/acme/churn` (no ref). */
  repositoryUri?: string;
  /** `refs/heads/main`, when known. */
  ref?: string;
  commit: string;
  run?: RunFacts;
  release: {
    version: string;
    tag: string;
    previousTag?: string;
    tagPrefix: string;
    force: boolean;
    floatingTag: boolean;
    explicitVersion?: string;
  };
  /** Data files and result files, each with its sha256. */
  materials: ResourceDescriptor[];
  toolVersion: string;
  startedOn: string;
  finishedOn: string;
}

/** `owner/repo/.github/workflows/x.yml@refs/heads/main` -> its path and ref. */
export function parseWorkflowRef(workflowRef: string, repository: string): { path?: string; ref?: string } {
  const at = workflowRef.lastIndexOf('@');
  const left = at < 0 ? workflowRef : workflowRef.slice(0, at);
  const ref = at < 0 ? undefined : workflowRef.slice(at + 1);
  const path = left.startsWith(`${repository}/`) ? left.slice(repository.length + 1) : undefined;
  return { path, ref };
}

export function buildStatement(input: ProvenanceInput): Statement {
  const run = input.run;
  const workflow = run?.workflowRef ? parseWorkflowRef(run.workflowRef, run.repository) : undefined;
  const externalParameters: Record<string, unknown> = {
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
  const internalParameters: Record<string, unknown> = {
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
  const source: ResourceDescriptor = {
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
export function canonicalJson(value: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v as object)
              .sort()
              .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
          )
        : v;
  return `${JSON.stringify(sort(value), null, 2)}\n`;
}
