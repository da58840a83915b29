import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, parse, resolve } from 'node:path';
import { InputError } from '../../core/errors.js';
import { runCheck } from '../../core/run-check.js';
import { guardOf, type StepContext, type StepDefinition } from '../../core/step.js';
import { listModelFiles } from '../../model/model-files.js';
import { appFiles, findServeBundle } from './app-files.js';
import { buildImage, checkLayoutDir, confined, IMAGE_CHECK, IMAGE_TITLE } from './build.js';
import { dockerBuild } from './docker-builder.js';
import { githubContext } from './github-context.js';
import { keyValues } from './image-config.js';
import { gateLabelsOf } from './labels.js';
import { layoutClaims } from './oci-layout.js';
import { imagePresenter } from './present.js';
import { parseReference, parseRepository } from './reference.js';
import { computeTags, LATEST_POLICIES, TAG_TYPES, type TagType } from './tags.js';

export interface ImageStepOptions {
  model: string;
  include?: string[];
  repository: string;
  base: string;
  tag?: string[];
  tagTypes: string[];
  latest: 'auto' | 'true' | 'false';
  platform?: string[];
  push?: boolean;
  emit?: string;
  ociLayout?: string;
  user: string;
  port: number;
  env?: string[];
  label?: string[];
  gateResult?: string;
  sha?: string;
  ref?: string;
  pr?: number;
  source?: string;
  licenses?: string;
  description?: string;
  title?: string;
  sourceDateEpoch?: string;
  insecureRegistry?: string[];
  username?: string;
  password?: string;
  passwordStdin?: boolean;
  cacheDir?: string;
  compressionLevel: number;
  chunkSize: number;
  maxSizeMb?: number;
  builder: 'native' | 'docker';
  dockerfile?: string;
}

/** The repository root that every path must stay in: GITHUB_WORKSPACE, else the git work tree, else `dir`. */
export function repositoryRoot(dir: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.GITHUB_WORKSPACE) return resolve(env.GITHUB_WORKSPACE);
  for (let d = resolve(dir); ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return d;
    if (d === parse(d).root) return resolve(dir);
  }
}

function defaultCacheDir(env: NodeJS.ProcessEnv): string {
  if (env.MODEL_CI_CACHE) return join(env.MODEL_CI_CACHE, 'oci');
  return join(env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache'), 'model-ci', 'oci');
}

function gateOfRun(previous: StepContext['previousResults']): Record<string, string> | undefined {
  const gate = [...(previous ?? [])].reverse().find((p) => p.result.check === 'gate');
  return gate ? gateLabelsOf(gate.result as Parameters<typeof gateLabelsOf>[0]) : undefined;
}

export const imageStep: StepDefinition<ImageStepOptions> = {
  check: IMAGE_CHECK,
  title: IMAGE_TITLE,
  summary:
    'Build the model serving image without a daemon (reproducible layers on a base image) and push it with metadata-action-style tags and OCI labels',
  examples: [
    'model-ci image --model model/model.json --repository ghcr.io/acme/churn --base node:24-slim --push --out image.json',
    'model-ci image --model model --repository localhost:5000/churn --base oci:.cache/base:node --oci-layout build/image',
    'model-ci image --model model/model.json --repository ghcr.io/acme/churn --base node:24-slim --emit build/app',
  ],
  options: {
    model: {
      type: 'path',
      required: true,
      description: 'TF.js model.json, an .onnx file, or a folder holding one',
      metavar: 'PATH',
    },
    include: {
      type: 'list',
      description: 'more files of the model folder to ship (e.g. preprocessing.json)',
    },
    repository: {
      type: 'string',
      required: true,
      description: 'image repository, HOST/NAME (e.g. ghcr.io/acme/churn)',
      metavar: 'HOST/NAME',
    },
    base: {
      type: 'string',
      required: true,
      description:
        'base image with Node.js 20+: HOST/NAME[:TAG][@sha256:…], or oci:DIR[:TAG] for a local OCI layout',
      metavar: 'REF',
    },
    tag: { type: 'list', description: 'extra tags (repeatable)', metavar: 'TAG' },
    tagTypes: {
      type: 'list',
      default: [...TAG_TYPES],
      description: `generated tags: ${TAG_TYPES.join(', ')} (default all; "" for none)`,
    },
    latest: {
      type: 'string',
      choices: LATEST_POLICIES,
      default: 'auto',
      description: 'the latest tag: auto (on a release tag), true, false',
    },
    platform: {
      type: 'list',
      description:
        "OS/ARCH to build (repeatable; several make an index; default the base's or this machine's)",
      metavar: 'OS/ARCH',
    },
    push: { type: 'boolean', description: 'push the image and its tags to the repository' },
    emit: {
      type: 'path',
      description: 'write the serving app and model files (what goes into the image) to this folder',
      metavar: 'DIR',
    },
    ociLayout: {
      type: 'path',
      description: 'write the image as an OCI image layout to this folder',
      metavar: 'DIR',
    },
    user: {
      type: 'string',
      default: '65532:65532',
      description: 'non-root user the server runs as (UID:GID)',
    },
    port: {
      type: 'integer',
      default: 8000,
      min: 1,
      max: 65535,
      description: 'port the server listens on (PORT)',
    },
    env: { type: 'list', description: 'extra environment of the server, KEY=VALUE (repeatable)' },
    label: { type: 'list', description: 'extra image labels, KEY=VALUE (repeatable)' },
    gateResult: {
      type: 'path',
      description: 'a gate result file: its verdict and key metrics become labels',
      metavar: 'FILE',
    },
    sha: {
      type: 'string',
      description: "commit to tag as sha-<7> (in an action: the pull request's head sha)",
    },
    ref: {
      type: 'string',
      description: 'git ref for branch, pr-N and semver tags (refs/heads/main, refs/tags/v1.2.3)',
    },
    pr: { type: 'integer', min: 1, description: 'pull request number for the pr-N tag' },
    source: {
      type: 'string',
      description: 'repository URL for org.opencontainers.image.source',
      metavar: 'URL',
    },
    licenses: {
      type: 'string',
      description: 'SPDX licence expression for org.opencontainers.image.licenses',
    },
    description: { type: 'string', description: 'org.opencontainers.image.description' },
    title: { type: 'string', description: 'org.opencontainers.image.title (default: the repository name)' },
    sourceDateEpoch: {
      type: 'string',
      description:
        "timestamp of files and config, seconds (default SOURCE_DATE_EPOCH, else the model files' last commit)",
    },
    insecureRegistry: {
      type: 'list',
      description: 'registries spoken to over plain HTTP (127.0.0.1 and localhost always are)',
      metavar: 'HOST',
    },
    username: { type: 'string', description: 'registry user (default: docker config.json)' },
    password: {
      type: 'string',
      description: 'registry password or token (prefer --password-stdin; masked in logs)',
    },
    passwordStdin: { type: 'boolean', description: 'read the registry password from standard input' },
    cacheDir: { type: 'path', description: 'layer cache (default ~/.cache/model-ci/oci)', metavar: 'DIR' },
    compressionLevel: {
      type: 'integer',
      default: 6,
      min: 1,
      max: 9,
      description: 'gzip level of the layers',
    },
    chunkSize: {
      type: 'integer',
      default: 8 << 20,
      min: 1024,
      max: 1 << 30,
      description: 'bytes per upload chunk (bigger blobs are sent in chunks)',
    },
    maxSizeMb: {
      type: 'number',
      min: 0,
      description: 'budget: fail when the compressed image exceeds this many MB',
    },
    builder: {
      type: 'string',
      choices: ['native', 'docker'],
      default: 'native',
      description: 'native (no daemon) or docker (docker buildx build --push of --dockerfile)',
    },
    dockerfile: {
      type: 'path',
      description: 'builder docker: the Dockerfile (its folder is the build context)',
      metavar: 'FILE',
    },
  },
  inputFiles(options, baseDir) {
    const out: string[] = [];
    const model = resolve(baseDir, options.model);
    out.push(model);
    try {
      out.push(...listModelFiles(model, options.include ?? []).files.map((f) => f.path));
    } catch {
      // the build reports the problem
    }
    if (options.gateResult) out.push(resolve(baseDir, options.gateResult));
    if (options.dockerfile) out.push(resolve(baseDir, options.dockerfile));
    try {
      const ref = parseReference(options.base, 'base');
      if (ref.kind === 'oci-layout') out.push(join(resolve(baseDir, ref.path), 'index.json'));
    } catch {
      // reported when the step runs
    }
    return out;
  },
  outputFiles(options, baseDir) {
    const out: { path: string; what: string }[] = [];
    if (options.ociLayout) out.push(...layoutClaims(resolve(baseDir, options.ociLayout)));
    if (options.emit) {
      const dir = resolve(baseDir, options.emit);
      try {
        const model = listModelFiles(resolve(baseDir, options.model), options.include ?? []);
        for (const f of appFiles(findServeBundle(), model.kind))
          out.push({ path: join(dir, f.name.slice('app/'.length)), what: '--emit' });
        for (const f of model.files) out.push({ path: join(dir, 'model', f.name), what: '--emit' });
      } catch {
        // the build reports the problem
      }
    }
    return out;
  },
  markdown: (r) => imagePresenter.markdown(r),
  async execute(options, ctx) {
    const env = process.env;
    const files = guardOf(ctx);
    const inputs: Record<string, unknown> = { ...options };
    delete inputs.password;
    return runCheck(
      IMAGE_CHECK,
      inputs,
      async () => {
        if (options.password && ctx.source && ctx.source !== 'action inputs')
          throw new InputError(
            `${ctx.source}: image.password: do not write a password into the configuration; use MODEL_CI_REGISTRY_PASSWORD, docker login or the action's password input`,
          );
        const root = repositoryRoot(ctx.baseDir, env);
        const at = (p: string) => resolve(ctx.baseDir, p);
        const types = options.tagTypes.filter((t) => t !== '');
        for (const t of types)
          if (!(TAG_TYPES as readonly string[]).includes(t))
            throw new InputError(`tag-types: "${t}" is not one of ${TAG_TYPES.join(', ')}`);
        let password = options.password ?? env.MODEL_CI_REGISTRY_PASSWORD;
        if (options.passwordStdin) password = readFileSync(0, 'utf8').replace(/\r?\n$/, '');
        const username = options.username ?? env.MODEL_CI_REGISTRY_USERNAME;
        if (password) ctx.logger.secret?.(password);
        if (password && !username) throw new InputError('username is needed with a password (--username)');
        if (username && !password)
          throw new InputError('a password is needed with --username (--password-stdin)');
        parseRepository(options.repository, 'repository');
        const gh = githubContext(env);
        if (options.builder === 'docker') {
          if (!options.dockerfile) throw new InputError('builder docker needs --dockerfile');
          const dockerfile = confined(root, at(options.dockerfile), 'dockerfile');
          // The same tags as the native builder: metadata-action style from the commit and ref, plus --tag.
          const computed = computeTags(
            { sha: options.sha ?? gh.sha, ref: options.ref ?? gh.ref, pr: options.pr ?? gh.pr },
            { types: types as TagType[], latest: options.latest, explicit: options.tag ?? [] },
          );
          const tags = computed.tags.map((t) => `${options.repository}:${t}`);
          const digest = await dockerBuild(
            {
              dockerfile,
              tags,
              platforms: options.platform ?? [],
              labels: keyValues(options.label ?? [], 'label'),
              push: options.push ?? false,
            },
            ctx.logger,
          );
          return {
            status: 'pass',
            title: IMAGE_TITLE,
            summary: `${options.repository}@${digest} built by docker buildx`,
            details: {
              digest,
              tags,
              image_ref: `${options.repository}@${digest}`,
              platforms: options.platform ?? [],
              builder: 'docker',
            },
          };
        }
        if (options.ociLayout) checkLayoutDir(at(options.ociLayout), files.inputPaths());
        return buildImage(
          {
            model: at(options.model),
            include: options.include ?? [],
            repository: options.repository,
            base: options.base,
            tags: options.tag ?? [],
            tagTypes: types as TagType[],
            latest: options.latest,
            platforms: options.platform ?? [],
            push: options.push ?? false,
            emit: options.emit ? at(options.emit) : undefined,
            ociLayout: options.ociLayout ? at(options.ociLayout) : undefined,
            user: options.user,
            port: options.port,
            env: options.env ?? [],
            labels: options.label ?? [],
            gateResult: options.gateResult ? at(options.gateResult) : undefined,
            // In `model-ci run`, an earlier gate step's verdict and metrics label the image.
            gateLabels: gateOfRun(ctx.previousResults),
            context: { sha: options.sha ?? gh.sha, ref: options.ref ?? gh.ref, pr: options.pr ?? gh.pr },
            source: options.source ?? gh.sourceUrl,
            licenses: options.licenses ?? gh.licenses,
            description: options.description ?? gh.description,
            title: options.title,
            sourceDateEpoch: options.sourceDateEpoch ?? env.SOURCE_DATE_EPOCH,
            insecureRegistries: options.insecureRegistry ?? [],
            credentials:
              username && password
                ? {
                    username,
                    password,
                    source: options.username ? '--username' : 'MODEL_CI_REGISTRY_USERNAME',
                  }
                : undefined,
            cacheDir: options.cacheDir ? at(options.cacheDir) : defaultCacheDir(env),
            compressionLevel: options.compressionLevel,
            chunkSize: options.chunkSize,
            maxSizeMb: options.maxSizeMb,
            root,
            baseDir: ctx.baseDir,
            env_: env,
          },
          { logger: ctx.logger, files, secret: ctx.logger.secret?.bind(ctx.logger) },
        );
      },
      ctx.clock,
    );
  },
};
