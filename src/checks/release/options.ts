/**
 * The release's options: one description for the CLI flags (`--tag-prefix`), the action inputs
 * (`tag-prefix`) and the documentation. The GitHub token is deliberately not one of them: it comes from
 * the action's `github-token` input or the CLI's environment (`GITHUB_TOKEN`), so it never lands in a
 * result's `inputs`, in `--help` or in a shell history.
 */
import { InputError } from '../../core/errors.js';
import type { OptionSpecs } from '../../core/options.js';

export const SIGN_MODES = ['auto', 'true', 'false'] as const;
export type SignMode = (typeof SIGN_MODES)[number];

/** The public-good Sigstore instance (what cosign and sigstore-js use by default). */
export const DEFAULT_FULCIO_URL = 'https://fulcio.sigstore.dev';
export const DEFAULT_REKOR_URL = 'https://rekor.sigstore.dev';

/** Checks whose failure refuses a release (unless forced). */
export const GATING_CHECKS = ['gate', 'smoke', 'data', 'lint'] as const;

export interface ReleaseOptions {
  results: string;
  dryRun: boolean;
  tagPrefix: string;
  version?: string;
  force: boolean;
  floatingTag: boolean;
  require?: string[];
  model?: string;
  include?: string[];
  data?: string[];
  modelCard?: string;
  previousResults?: string;
  provenance?: string;
  sign: SignMode;
  fulcioUrl: string;
  rekorUrl: string;
  repository?: string;
  reportUrl?: string;
}

export const RELEASE_OPTIONS: OptionSpecs = {
  results: {
    type: 'path',
    required: true,
    description:
      'folder with the result files of this commit (gate, smoke, data, lint, image, …; searched 4 levels deep)',
    metavar: 'DIR',
  },
  dryRun: {
    type: 'boolean',
    default: false,
    description: 'compute the version, tag, notes and provenance from the local history; create nothing',
  },
  tagPrefix: {
    type: 'string',
    default: 'model-v',
    description: 'prefix of the release tags: the last <prefix>X.Y.Z tag is the previous release',
    metavar: 'PREFIX',
  },
  version: {
    type: 'string',
    description: 'release exactly this version (X.Y.Z) instead of bumping by commits and labels',
    metavar: 'X.Y.Z',
  },
  force: {
    type: 'boolean',
    default: false,
    description: 'release even when a gate, smoke, data or lint result failed (recorded in the release)',
  },
  floatingTag: {
    type: 'boolean',
    default: false,
    description: 'also move the floating major tag (<prefix><major>, e.g. model-v1) to this release',
  },
  require: {
    type: 'list',
    description: 'checks whose results must be in the folder (e.g. gate,smoke); a missing one is an error',
    metavar: 'CHECK,...',
  },
  model: {
    type: 'path',
    description:
      "the model (model.json, a .onnx file or their folder) whose files are the provenance's subjects (default: the one the image or smoke result names)",
    metavar: 'PATH',
  },
  include: {
    type: 'list',
    description: "more model files, relative to the model's folder (default: the image result's)",
    metavar: 'FILE,...',
  },
  data: {
    type: 'list',
    description: 'data files recorded (with their sha256) in the provenance, besides those the results name',
    metavar: 'FILE,...',
  },
  modelCard: {
    type: 'path',
    description: 'the model card summarised in the notes (default: MODEL_CARD.md or README.md)',
    metavar: 'FILE',
  },
  previousResults: {
    type: 'path',
    description:
      "the previous release's result files, for the metric deltas (default: downloaded from the previous release)",
    metavar: 'DIR',
  },
  provenance: {
    type: 'path',
    description: 'also write provenance.json (and its Sigstore bundle beside it) here',
    metavar: 'FILE',
  },
  sign: {
    type: 'string',
    choices: SIGN_MODES,
    default: 'auto',
    description:
      'sign provenance.json with Sigstore: auto (when an OIDC token is available and the repository is public), true, false',
  },
  fulcioUrl: {
    type: 'string',
    default: DEFAULT_FULCIO_URL,
    description: 'Sigstore Fulcio (certificate authority) to sign with',
    metavar: 'URL',
  },
  rekorUrl: {
    type: 'string',
    default: DEFAULT_REKOR_URL,
    description: 'Sigstore Rekor (transparency log) to record the signature in',
    metavar: 'URL',
  },
  repository: {
    type: 'string',
    description: 'OWNER/REPO on GitHub (default: GITHUB_REPOSITORY, else the origin remote)',
    metavar: 'OWNER/REPO',
  },
  reportUrl: {
    type: 'string',
    description:
      'where the notes link the report (default: report.html attached to the release, else the workflow run)',
    metavar: 'URL',
  },
};

/** A tag prefix git accepts in a ref name, checked before it reaches any git command or API path. */
export function checkTagPrefix(prefix: string, where: string): string {
  if (
    !/^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$/.test(prefix) ||
    /\.\.|\/\/|\/\.|@\{|\.lock(\/|$)|\/$/.test(prefix)
  )
    throw new InputError(
      `${where}: ${JSON.stringify(prefix.slice(0, 60))} is not a usable tag prefix (letters, digits, ".", "_", "-", "/"; starting with a letter or digit; no "..")`,
    );
  return prefix;
}

/** An http(s) URL option, checked. */
export function checkUrl(url: string, where: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InputError(`${where}: expected a URL, got ${JSON.stringify(url.slice(0, 80))}`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw new InputError(`${where}: expected an http(s) URL, got ${JSON.stringify(url.slice(0, 80))}`);
  return url.replace(/\/+$/, '');
}

/** `OWNER/REPO`, checked. */
export function checkRepository(text: string, where: string): { owner: string; repo: string } {
  const m = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/.exec(text.trim());
  if (!m || m[2] === '.' || m[2] === '..')
    throw new InputError(`${where}: expected OWNER/REPO, got ${JSON.stringify(text.slice(0, 80))}`);
  return { owner: m[1], repo: m[2] };
}
