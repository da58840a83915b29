/**
 * The catalogue of lint rules. IDs are stable forever (a removed rule's ID is never reused): baselines,
 * suppressions and code-scanning alerts refer to them. MCI1xx repository, MCI2xx Dockerfile, MCI3xx model
 * files, MCI4xx notebooks, MCI5xx secrets. `model-ci lint --explain ID`, docs/lint.md and the SARIF rule
 * metadata are all rendered from this one table.
 */

export type LintSeverity = 'error' | 'warning' | 'note';
export const LINT_SEVERITIES: readonly LintSeverity[] = ['error', 'warning', 'note'];

export type RuleCategory = 'repository' | 'dockerfile' | 'model-files' | 'notebooks' | 'secrets';

export interface LintRule {
  /** `MCI301`. */
  id: string;
  /** Kebab-case name, e.g. `pickle-dangerous-global`. */
  name: string;
  severity: LintSeverity;
  category: RuleCategory;
  /** One line: what the rule finds. */
  title: string;
  /** Why it matters. */
  why: string;
  /** How to fix it. */
  fix: string;
  /** The hadolint rule this one follows, for Dockerfile rules that have one. */
  hadolint?: string;
  /** GitHub code scanning's `security-severity` (0–10) for security rules. */
  securitySeverity?: number;
}

export const RULES: readonly LintRule[] = [
  // ---------------------------------------------------------------- repository
  {
    id: 'MCI100',
    name: 'invalid-suppression',
    severity: 'warning',
    category: 'repository',
    title: 'A `model-ci: ignore` comment without a reason, naming an unknown rule, or suppressing nothing',
    why: 'A suppression is a decision someone has to be able to review later; without a reason it is indistinguishable from hiding a problem, and one that suppresses nothing hides the next problem on that line.',
    fix: 'Write `# model-ci: ignore MCI203 -- <why this is acceptable>` on the line of the finding or the line above it, with a rule ID that exists; delete suppressions that no longer match a finding.',
  },
  {
    id: 'MCI101',
    name: 'readme-missing',
    severity: 'warning',
    category: 'repository',
    title: 'The repository has no README',
    why: 'A model repository without a README gives reviewers and users no way to know what the model is for, how it was trained or how to run it.',
    fix: 'Add a README.md at the top of the repository; for a model, make it a model card (see MCI102).',
  },
  {
    id: 'MCI102',
    name: 'model-card-incomplete',
    severity: 'warning',
    category: 'repository',
    title:
      'The model card (README.md or MODEL_CARD.md) lacks intended use, training data, evaluation, limitations or license',
    why: 'Model cards (Mitchell et al., 2019; the Hugging Face model card template) are how a model states what it may be used for, what it learned from, how well it works and where it fails. A missing field is a question nobody can answer at review time.',
    fix: 'Add a section (a Markdown heading) or a front-matter key for each missing field: "Intended use", "Training data", "Evaluation", "Limitations", "License" (`license:` in YAML front matter counts).',
  },
  {
    id: 'MCI103',
    name: 'license-missing',
    severity: 'warning',
    category: 'repository',
    title: 'The repository has no LICENSE file',
    why: 'Without a license nobody may legally reuse the code or the weights, and downstream users cannot tell under which terms a model was published.',
    fix: 'Add LICENSE (or LICENSE.md, LICENSE.txt, COPYING) with the license text of the code and the weights.',
  },
  {
    id: 'MCI104',
    name: 'unpinned-dependency',
    severity: 'warning',
    category: 'repository',
    title: 'A Python or Node dependency is not pinned to one version and no lock file pins it',
    why: 'Training and inference results change when a dependency changes under them (a new scikit-learn default, a numpy release): an unpinned dependency makes a model irreproducible and a CI run different from the last one.',
    fix: 'Pin with `==` in requirements files (`pip freeze`, `pip-compile`) or commit a lock file beside the manifest (poetry.lock, uv.lock, Pipfile.lock, pdm.lock, package-lock.json, yarn.lock, pnpm-lock.yaml).',
  },
  {
    id: 'MCI105',
    name: 'large-file-not-in-lfs',
    severity: 'warning',
    category: 'repository',
    title: 'A file larger than `large-file-mb` is committed to Git instead of Git LFS',
    why: 'Large binaries in Git history make every clone download every version forever; GitHub warns at 50 MB and refuses files over 100 MB.',
    fix: 'Track the file with Git LFS: `git lfs track "*.bin"` (which writes .gitattributes), then `git add --renormalize .`; or keep the file out of Git (DVC, a model registry) and record its checksum.',
  },
  {
    id: 'MCI106',
    name: 'model-checksum-missing',
    severity: 'warning',
    category: 'repository',
    title: 'A model file has no recorded checksum',
    why: 'Without a recorded SHA-256 nobody can tell whether the weights that are deployed are the weights that were evaluated, or whether a file was swapped in a pull request.',
    fix: 'Record checksums: `sha256sum model/*.bin > SHA256SUMS` (or a `<file>.sha256` beside it); Git LFS pointers and DVC `.dvc` files count as recorded checksums.',
  },
  {
    id: 'MCI107',
    name: 'model-checksum-mismatch',
    severity: 'error',
    category: 'repository',
    title: 'A model file does not match the checksum recorded for it',
    why: 'The file changed after its checksum was recorded: either the checksum list is stale or the weights were replaced.',
    fix: 'If the new weights are intended, record their checksum again (`sha256sum FILE`); otherwise restore the file that was evaluated.',
    securitySeverity: 5.5,
  },
  {
    id: 'MCI108',
    name: 'symlink-outside-repository',
    severity: 'warning',
    category: 'repository',
    title: 'A symbolic link points outside the repository (it is not followed)',
    why: 'A link out of the repository makes a build or a loader read files the repository does not control (e.g. a "model file" linked to /etc/passwd or to a home folder).',
    fix: 'Replace the link with the file itself, or with a link to a path inside the repository.',
    securitySeverity: 4.0,
  },
  {
    id: 'MCI109',
    name: 'file-not-linted',
    severity: 'note',
    category: 'repository',
    title: 'A file could not be read, or was larger than the scan limit, so it was not (fully) linted',
    why: 'A lint that silently skips a file reports the file as clean. This says which files were skipped and why.',
    fix: 'Make the file readable, or raise `max-scan-mb` if the file should be scanned in full; ignore it (`ignore:`) if it should not be linted.',
  },

  // ---------------------------------------------------------------- Dockerfile
  {
    id: 'MCI201',
    name: 'docker-untagged-image',
    severity: 'warning',
    category: 'dockerfile',
    hadolint: 'DL3006',
    title: '`FROM` names an image without a tag or digest',
    why: 'An untagged image means `latest`: the base changes whenever someone pushes, so the same Dockerfile builds a different image tomorrow.',
    fix: 'Pin the base: `FROM python:3.11.9-slim` or, better, with a digest: `FROM python:3.11.9-slim@sha256:…`.',
  },
  {
    id: 'MCI202',
    name: 'docker-latest-tag',
    severity: 'warning',
    category: 'dockerfile',
    hadolint: 'DL3007',
    title: '`FROM` uses the `latest` tag',
    why: '`latest` moves: builds are not reproducible and a rebuild can silently change the Python, CUDA or OS version under the model.',
    fix: 'Use a specific version tag (and a digest): `FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04`.',
  },
  {
    id: 'MCI203',
    name: 'apt-no-install-recommends',
    severity: 'note',
    category: 'dockerfile',
    hadolint: 'DL3015',
    title: '`apt-get install` without `--no-install-recommends`',
    why: "Recommended packages are not needed to run the software and often double an image's size and attack surface.",
    fix: '`RUN apt-get update && apt-get install -y --no-install-recommends PACKAGES && rm -rf /var/lib/apt/lists/*`.',
  },
  {
    id: 'MCI204',
    name: 'apt-lists-not-deleted',
    severity: 'note',
    category: 'dockerfile',
    hadolint: 'DL3009',
    title: '`apt-get update` without deleting /var/lib/apt/lists in the same `RUN`',
    why: 'The package lists stay in the layer (tens of MB) and go stale: a later layer that installs from them gets old versions.',
    fix: 'End the same `RUN` with `&& rm -rf /var/lib/apt/lists/*`.',
  },
  {
    id: 'MCI205',
    name: 'pip-no-cache-dir',
    severity: 'warning',
    category: 'dockerfile',
    hadolint: 'DL3042',
    title: '`pip install` without `--no-cache-dir`',
    why: "pip's download cache is written into the layer; for ML wheels (torch, tensorflow) that is gigabytes of dead weight in every image.",
    fix: '`RUN pip install --no-cache-dir -r requirements.txt` (or `ENV PIP_NO_CACHE_DIR=1`).',
  },
  {
    id: 'MCI206',
    name: 'docker-shell-form-cmd',
    severity: 'warning',
    category: 'dockerfile',
    hadolint: 'DL3025',
    title: '`CMD` or `ENTRYPOINT` in shell form',
    why: 'Shell form runs the server under `/bin/sh -c`: it does not receive SIGTERM, so the container is killed instead of shutting down cleanly (in-flight predictions are lost).',
    fix: 'Use the JSON (exec) form: `CMD ["uvicorn", "app:app", "--host", "0.0.0.0"]`.',
  },
  {
    id: 'MCI207',
    name: 'docker-user-root',
    severity: 'warning',
    category: 'dockerfile',
    hadolint: 'DL3002',
    title: 'The last `USER` of the image is root',
    why: 'A model server running as root turns any code execution (a malicious pickle, a deserialisation bug) into root in the container.',
    fix: 'Create a user and switch to it at the end: `RUN useradd --create-home app` then `USER app`.',
    securitySeverity: 5.0,
  },
  {
    id: 'MCI208',
    name: 'docker-add-instead-of-copy',
    severity: 'error',
    category: 'dockerfile',
    hadolint: 'DL3020',
    title: '`ADD` used for local files or folders',
    why: '`ADD` also extracts archives and fetches URLs; for plain files its magic is a surprise waiting to happen. `COPY` does exactly one thing.',
    fix: 'Use `COPY` for files and folders; keep `ADD` only to extract a local tar archive.',
  },
  {
    id: 'MCI209',
    name: 'docker-cd-instead-of-workdir',
    severity: 'warning',
    category: 'dockerfile',
    hadolint: 'DL3003',
    title: '`cd` in `RUN` instead of `WORKDIR`',
    why: 'A `cd` lasts only for its `RUN`; the next instruction runs elsewhere, which is a classic source of "file not found" in images.',
    fix: 'Use `WORKDIR /app` before the commands that need the folder.',
  },
  {
    id: 'MCI210',
    name: 'docker-secret-in-arg-env',
    severity: 'warning',
    category: 'dockerfile',
    title: '`ARG` or `ENV` with a name that holds a secret (password, token, key)',
    why: 'Build arguments and environment values are stored in the image history and metadata; anyone who can pull the image can read them (Docker\'s build check "SecretsUsedInArgOrEnv").',
    fix: "Pass secrets with BuildKit secret mounts: `RUN --mount=type=secret,id=hf_token ...`, and at run time through the orchestrator's secrets.",
    securitySeverity: 6.5,
  },
  {
    id: 'MCI211',
    name: 'docker-no-healthcheck',
    severity: 'note',
    category: 'dockerfile',
    title: 'A serving image (it `EXPOSE`s a port) has no `HEALTHCHECK`',
    why: 'Without a health check a container whose model failed to load (or whose server hangs) is reported as running and receives traffic.',
    fix: 'Add `HEALTHCHECK CMD ["curl", "-f", "http://localhost:8080/health"]` (or the probe your orchestrator uses).',
  },
  {
    id: 'MCI212',
    name: 'apt-missing-yes',
    severity: 'warning',
    category: 'dockerfile',
    hadolint: 'DL3014',
    title: '`apt-get install` without `-y`',
    why: 'Without `-y` apt waits for an answer that never comes in a build and the build fails (or hangs on some builders).',
    fix: '`apt-get install -y --no-install-recommends PACKAGES`.',
  },
  {
    id: 'MCI213',
    name: 'pip-unpinned',
    severity: 'warning',
    category: 'dockerfile',
    hadolint: 'DL3013',
    title: '`pip install` of a package without a pinned version',
    why: 'The image gets whatever version is newest at build time; two builds of the same Dockerfile serve different libraries.',
    fix: '`pip install --no-cache-dir torch==2.3.1` or `pip install -r requirements.txt` with pinned requirements.',
  },
  {
    id: 'MCI214',
    name: 'docker-sudo',
    severity: 'error',
    category: 'dockerfile',
    hadolint: 'DL3004',
    title: '`sudo` in `RUN`',
    why: 'Builds already run as the current `USER`; `sudo` has unpredictable TTY and signal behaviour and keeps a privilege-escalation tool in the image.',
    fix: 'Switch with `USER root` for the commands that need it and back to the unprivileged user afterwards.',
  },
  {
    id: 'MCI215',
    name: 'docker-multiple-cmd',
    severity: 'warning',
    category: 'dockerfile',
    hadolint: 'DL4003',
    title: 'More than one `CMD` or `ENTRYPOINT` in one stage',
    why: 'Only the last one takes effect; the others mislead whoever reads the file (hadolint DL4003 for CMD, DL4004 for ENTRYPOINT).',
    fix: 'Keep one `CMD` (and at most one `ENTRYPOINT`) per stage.',
  },

  // ---------------------------------------------------------------- model files
  {
    id: 'MCI301',
    name: 'pickle-dangerous-global',
    severity: 'error',
    category: 'model-files',
    title: 'A pickle (.pkl, .joblib, .npy, PyTorch .pt/.pth/.bin/.ckpt) imports a callable that can run code',
    why: 'Loading a pickle calls whatever it names: `os.system`, `builtins.eval`, `getattr` chains, `subprocess`, `socket`… run with the permissions of whoever loads the model (`torch.load`, `joblib.load`, `pickle.load`, `np.load(allow_pickle=True)`). This is how malicious models on public hubs work.',
    fix: 'Do not load the file. Replace it with weights in a format that cannot run code (safetensors, ONNX, TF.js, `torch.save(model.state_dict())` loaded with `torch.load(weights_only=True)`), made from a trusted source.',
    securitySeverity: 9.8,
  },
  {
    id: 'MCI302',
    name: 'pickle-unknown-global',
    severity: 'warning',
    category: 'model-files',
    title: 'A pickle imports a global that is not on the allowlist of safe globals',
    why: 'model-ci judges pickles against an allowlist (torch tensor rebuilds, numpy arrays and dtypes, `collections.OrderedDict`, plain builtins) rather than a blocklist, because blocklists are bypassed by new gadgets. A global outside the list may be harmless (a scikit-learn estimator) or not; loading it runs its code.',
    fix: 'Save tensors only (a state dict, safetensors), or, when you trust the class, allow it in `.model-ci.yml`: `lint: { allowed-globals: [sklearn.linear_model._logistic.LogisticRegression] }` (`module.*` allows a whole module).',
    securitySeverity: 5.0,
  },
  {
    id: 'MCI303',
    name: 'pickle-unresolvable-global',
    severity: 'error',
    category: 'model-files',
    title: 'A pickle imports a global whose name is computed or comes from the extension registry',
    why: 'A `STACK_GLOBAL` whose module or name is not a plain string (built by calling something, or hidden behind an extension code) cannot be judged without running the pickle; benign pickles never do this, scanner-evasion payloads do.',
    fix: 'Treat the file as malicious: do not load it; regenerate it from a trusted source in a safe format.',
    securitySeverity: 8.8,
  },
  {
    id: 'MCI304',
    name: 'model-file-not-scanned',
    severity: 'warning',
    category: 'model-files',
    title:
      'A model file could not be scanned to its end (malformed or truncated, unsupported compression, a scan limit)',
    why: 'What the scanner could not read it could not judge; a loader may still execute what comes after the point where scanning stopped.',
    fix: 'Check the file (is it truncated, or an LFS pointer that was not fetched?); store it uncompressed or in a format model-ci reads; raise the limit if it is one.',
  },
  {
    id: 'MCI305',
    name: 'archive-bomb',
    severity: 'error',
    category: 'model-files',
    title: 'A zip archive (PyTorch checkpoint, .npz, nested zip) looks like a decompression bomb',
    why: 'An entry that inflates far beyond its compressed size (beyond `max-zip-ratio`), archives whose inflated content exceeds `max-archive-mb`, overlapping entries or deep nesting are how zip bombs exhaust memory and disk of whoever opens them.',
    fix: 'Do not open the archive; recreate it from trusted sources (`torch.save` writes entries uncompressed).',
    securitySeverity: 7.5,
  },
  {
    id: 'MCI306',
    name: 'tfjs-weights-missing',
    severity: 'error',
    category: 'model-files',
    title: "A TF.js model.json's weightsManifest names a weight file that does not exist",
    why: 'The model cannot be loaded: the loader fails at run time, after deployment.',
    fix: 'Commit the missing shard (or fix the path in weightsManifest); re-export with `tensorflowjs_converter` if the shards were renamed.',
  },
  {
    id: 'MCI307',
    name: 'tfjs-weights-size',
    severity: 'error',
    category: 'model-files',
    title: "A TF.js weight file's size differs from what the manifest's shapes and dtypes require",
    why: 'A truncated or wrong shard loads as garbage or fails to load; often an LFS pointer committed instead of the binary.',
    fix: 'Re-export the model, or fetch the real files (`git lfs pull`).',
  },
  {
    id: 'MCI308',
    name: 'model-path-escape',
    severity: 'error',
    category: 'model-files',
    title: 'A model file refers to a path outside its folder (TF.js weight paths, ONNX external data)',
    why: 'Loaders resolve these paths against the model folder; `../../` or an absolute path makes loading a model read (and in some tools, write) arbitrary files such as SSH keys or /etc/passwd.',
    fix: 'Keep every weight and external-data file in the model folder and refer to it by a plain relative name.',
    securitySeverity: 7.5,
  },
  {
    id: 'MCI309',
    name: 'onnx-external-data-missing',
    severity: 'error',
    category: 'model-files',
    title: 'An ONNX model refers to an external-data file that is missing or too short',
    why: 'onnxruntime fails to create a session (or reads the wrong bytes) when a tensor stored outside the .onnx file is not there.',
    fix: 'Commit the external data file beside the model (or save with `onnx.save_model(..., save_as_external_data=False)` for models under 2 GB).',
  },

  // ---------------------------------------------------------------- notebooks
  {
    id: 'MCI401',
    name: 'notebook-outputs',
    severity: 'warning',
    category: 'notebooks',
    title: 'A notebook is committed with cell outputs',
    why: 'Outputs make diffs unreadable, bloat the repository, and leak data: printed rows of the training set, paths, tokens.',
    fix: '`jupyter nbconvert --clear-output --inplace NOTEBOOK.ipynb`, or install `nbstripout` as a Git filter.',
  },
  {
    id: 'MCI402',
    name: 'notebook-execution-counts',
    severity: 'note',
    category: 'notebooks',
    title: 'A notebook is committed with execution counts',
    why: 'Execution counts change on every run and make every re-run a diff; out-of-order counts also show the notebook was not run top to bottom.',
    fix: '`jupyter nbconvert --clear-output --inplace` (clears counts too) or `nbstripout`.',
  },
  {
    id: 'MCI403',
    name: 'notebook-large-image',
    severity: 'warning',
    category: 'notebooks',
    title: 'A notebook output embeds an image larger than 100 KB',
    why: 'Each re-run commits a new copy of the image into Git history, where it stays forever.',
    fix: 'Clear the outputs, or save the figure as a file (tracked by LFS if large) and link it.',
  },
  {
    id: 'MCI404',
    name: 'notebook-secret-in-output',
    severity: 'error',
    category: 'notebooks',
    title: 'A notebook cell output contains a credential (token, key)',
    why: 'Outputs print what the code had in memory: environment variables, configuration, HTTP headers. Once pushed, the credential is public for anyone who can read the repository or its history.',
    fix: 'Revoke and rotate the credential first, then clear the outputs and rewrite the history that contains them.',
    securitySeverity: 8.5,
  },
  {
    id: 'MCI405',
    name: 'notebook-invalid',
    severity: 'warning',
    category: 'notebooks',
    title: 'A .ipynb file is not a valid notebook (not JSON, or no cells)',
    why: 'Jupyter cannot open it and the other notebook rules cannot check it; usually a merge conflict left in the file.',
    fix: 'Resolve the conflict or restore the file (`nbdime` merges notebooks).',
  },

  // ---------------------------------------------------------------- secrets
  {
    id: 'MCI501',
    name: 'aws-access-key',
    severity: 'error',
    category: 'secrets',
    title: 'An AWS access key ID (AKIA…/ASIA…), with or without its secret access key',
    why: 'AWS keys in a repository are found by scanners within minutes of a push and used to run up bills or read data.',
    fix: 'Deactivate the key in IAM now, create a new one, and keep it in the CI secret store or an AWS profile; use OIDC (`aws-actions/configure-aws-credentials`) in workflows.',
    securitySeverity: 9.0,
  },
  {
    id: 'MCI502',
    name: 'aws-secret-key',
    severity: 'error',
    category: 'secrets',
    title: 'An AWS secret access key assigned to an AWS-named variable or next to an access key ID',
    why: 'With the access key ID it gives full use of the AWS identity.',
    fix: 'Deactivate the key pair in IAM, rotate, and move the secret to a secret store.',
    securitySeverity: 9.0,
  },
  {
    id: 'MCI503',
    name: 'github-token',
    severity: 'error',
    category: 'secrets',
    title: 'A GitHub token (ghp_, gho_, ghu_, ghs_, ghr_, github_pat_)',
    why: 'A GitHub token acts as its owner: read private repositories, push code, change workflows.',
    fix: 'Revoke it (Settings → Developer settings → tokens), then use `secrets.GITHUB_TOKEN` or a repository secret.',
    securitySeverity: 9.0,
  },
  {
    id: 'MCI504',
    name: 'private-key',
    severity: 'error',
    category: 'secrets',
    title: 'A private key block (-----BEGIN … PRIVATE KEY-----)',
    why: 'Whoever has the private key can impersonate its owner (SSH servers, TLS, signing).',
    fix: 'Replace the key pair and remove the private key from the repository and its history.',
    securitySeverity: 9.0,
  },
  {
    id: 'MCI505',
    name: 'slack-token',
    severity: 'error',
    category: 'secrets',
    title: 'A Slack token (xoxb-, xoxp-, xoxa-, xoxr-, xoxs-) or incoming webhook URL',
    why: 'A Slack token reads and posts messages as its bot or user; a webhook posts to its channel.',
    fix: 'Revoke the token or webhook in the Slack app settings and keep the new one in a secret store.',
    securitySeverity: 7.5,
  },
  {
    id: 'MCI506',
    name: 'stripe-key',
    severity: 'error',
    category: 'secrets',
    title: 'A Stripe live secret or restricted key (sk_live_, rk_live_)',
    why: 'A live Stripe key moves real money: refunds, payouts, customer data.',
    fix: 'Roll the key in the Stripe dashboard and keep the new one in a secret store.',
    securitySeverity: 9.0,
  },
  {
    id: 'MCI507',
    name: 'google-api-key',
    severity: 'error',
    category: 'secrets',
    title: 'A Google API key (AIza…)',
    why: 'Unrestricted Google API keys are billed to their project (Maps, Vertex AI, Gemini).',
    fix: 'Delete or restrict the key in the Google Cloud console and create a new one kept in a secret store.',
    securitySeverity: 7.5,
  },
  {
    id: 'MCI508',
    name: 'hugging-face-token',
    severity: 'error',
    category: 'secrets',
    title: 'A Hugging Face access token (hf_…)',
    why: 'A write token can replace the models and datasets of its owner on the Hub — a supply-chain attack on everyone who downloads them.',
    fix: 'Invalidate the token at huggingface.co/settings/tokens and use `HF_TOKEN` from a secret store.',
    securitySeverity: 8.5,
  },
  {
    id: 'MCI509',
    name: 'ai-api-key',
    severity: 'error',
    category: 'secrets',
    title: 'An OpenAI or Anthropic API key (sk-proj-…, sk-…T3BlbkFJ…, sk-ant-…)',
    why: 'AI API keys are billed per token and are harvested from public repositories to resell usage.',
    fix: 'Revoke the key in the provider console and keep the new one in a secret store.',
    securitySeverity: 8.0,
  },
  {
    id: 'MCI510',
    name: 'package-registry-token',
    severity: 'error',
    category: 'secrets',
    title: 'An npm (npm_…) or PyPI (pypi-…) publishing token',
    why: 'A publishing token lets anyone release a new version of your packages: a supply-chain attack.',
    fix: 'Revoke the token on npmjs.com or pypi.org; publish from CI with trusted publishing (OIDC) instead of tokens.',
    securitySeverity: 9.0,
  },
  {
    id: 'MCI511',
    name: 'gitlab-token',
    severity: 'error',
    category: 'secrets',
    title: 'A GitLab personal, project or group access token (glpat-…)',
    why: 'A GitLab token acts as its owner on GitLab: repositories, registries, CI variables.',
    fix: 'Revoke it in GitLab (User settings → Access tokens) and keep the new one in a secret store.',
    securitySeverity: 9.0,
  },
];

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

/** The rule with this ID (IDs are case-insensitive on input: `mci301` works). */
export function ruleById(id: string): LintRule | undefined {
  return BY_ID.get(id.toUpperCase());
}

export function ruleIds(): string[] {
  return RULES.map((r) => r.id);
}

/** The rules a hadolint ID maps to (DL4004 maps to MCI215 together with DL4003). */
export function rulesForHadolint(code: string): LintRule[] {
  const upper = code.toUpperCase();
  if (upper === 'DL4004') return [BY_ID.get('MCI215')!];
  return RULES.filter((r) => r.hadolint === upper);
}

/**
 * `MCI301` (one rule), `MCI3xx` / `MCI3*` (a category) -> the rule IDs they select; empty when nothing
 * matches (the caller reports it).
 */
export function selectRules(selector: string): string[] {
  const s = selector.trim().toUpperCase();
  const group = /^MCI([1-5])(XX|\*)$/.exec(s);
  if (group) return RULES.filter((r) => r.id.startsWith(`MCI${group[1]}`)).map((r) => r.id);
  return BY_ID.has(s) ? [s] : [];
}

/** The text `model-ci lint --explain ID` prints. */
export function explainRule(rule: LintRule): string {
  return [
    `${rule.id} ${rule.name} (${rule.severity}, ${rule.category})${rule.hadolint ? ` — hadolint ${rule.hadolint}` : ''}`,
    '',
    rule.title,
    '',
    `Why: ${rule.why}`,
    '',
    `Fix: ${rule.fix}`,
    '',
    `Suppress one finding (with a reason): # model-ci: ignore ${rule.id} -- <reason>`,
    `Change its severity or turn it off in .model-ci.yml: lint: { severity: { ${rule.id}: note } }, lint: { disable: [${rule.id}] }`,
    '',
  ].join('\n');
}
