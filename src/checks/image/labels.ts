/**
 * Image labels: the OCI annotation keys (`org.opencontainers.image.*`, as docker/metadata-action sets
 * them) and the model's own (`dev.model-ci.model.*`: digest, format, entry file, and the gate's key
 * metrics and verdict when a gate result is given).
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../../core/errors.js';
import { parseJsonText } from '../../core/json-file.js';
import { visible } from '../../core/visible.js';

export const MODEL_LABEL = 'dev.model-ci.model';

export interface LabelInput {
  title: string;
  source?: string;
  revision?: string;
  created: string;
  version?: string;
  licenses?: string;
  description?: string;
  baseName: string;
  baseDigest: string;
  modelDigest: string;
  modelFormat: string;
  modelEntry: string;
  gate?: Record<string, string>;
}

export function imageLabels(i: LabelInput): Record<string, string> {
  const labels: Record<string, string> = {
    'org.opencontainers.image.title': i.title,
    'org.opencontainers.image.created': i.created,
    'org.opencontainers.image.base.name': i.baseName,
    'org.opencontainers.image.base.digest': i.baseDigest,
    [`${MODEL_LABEL}.digest`]: i.modelDigest,
    [`${MODEL_LABEL}.format`]: i.modelFormat,
    [`${MODEL_LABEL}.file`]: i.modelEntry,
  };
  if (i.source) labels['org.opencontainers.image.source'] = i.source;
  if (i.revision) labels['org.opencontainers.image.revision'] = i.revision;
  if (i.version) labels['org.opencontainers.image.version'] = i.version;
  if (i.licenses) labels['org.opencontainers.image.licenses'] = i.licenses;
  if (i.description) labels['org.opencontainers.image.description'] = i.description;
  return { ...labels, ...(i.gate ?? {}) };
}

/**
 * Labels from a gate result file (model-ci/result@1 of check "gate"): its status and, for every metric a
 * rule named, the candidate's value: `dev.model-ci.model.metric.roc_auc=0.8123`.
 * @throws InputError for a file that is not a gate result
 */
export function gateLabels(file: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new InputError(`gate-result: ${visible(file)} cannot be read`);
  }
  const r = parseJsonText(text, file) as {
    check?: unknown;
    status?: unknown;
    metrics?: Record<string, unknown>;
    details?: { rules?: { metric?: unknown }[] };
  };
  if (r?.check !== 'gate')
    throw new InputError(
      `gate-result: ${visible(file)} is not a gate result (its "check" is ${JSON.stringify(r?.check ?? null)})`,
    );
  return gateLabelsOf(r);
}

export function gateLabelsOf(r: {
  status?: unknown;
  metrics?: Record<string, unknown>;
  details?: { rules?: { metric?: unknown }[] };
}): Record<string, string> {
  const labels: Record<string, string> = { [`${MODEL_LABEL}.gate`]: String(r.status ?? '') };
  const ruled = new Set(
    (r.details?.rules ?? []).map((x) => x.metric).filter((m): m is string => typeof m === 'string'),
  );
  for (const name of [...ruled].sort()) {
    const m = r.metrics?.[name] as { candidate?: unknown } | undefined;
    if (typeof m?.candidate === 'number' && /^[\w.-]+$/.test(name))
      labels[`${MODEL_LABEL}.metric.${name}`] = String(Math.round(m.candidate * 1e6) / 1e6);
  }
  return labels;
}
