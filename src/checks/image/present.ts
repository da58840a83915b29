/**
 * The image section of the job summary and PR comment: the immutable reference, tags, platforms, the
 * image's size against its base, and every layer (base layers folded into one row). Key figures: image
 * size in MB (change shown relative, smaller is better) and the layer count. Registry and PR text
 * (repository, tags, labels) is escaped.
 */
import type { CheckPresenter, KeyFigure } from '../../core/present.js';
import type { CheckResult } from '../../core/result.js';
import { escapeMarkdown } from '../../report/escape.js';
import { formatNumber, markdownHeading } from '../../report/format.js';
import { findingsMarkdown, resultMarkdown } from '../../report/result-markdown.js';

interface Layer {
  role: string;
  digest: string;
  size_bytes: number;
}

const mb = (bytes: number) => `${formatNumber(bytes / 1e6)} MB`;
/** A code span: Markdown, HTML and mentions are inert inside it, so only backticks and line breaks go. */
// eslint-disable-next-line no-control-regex
const code = (text: string) => `\`${text.replace(/[`\x00-\x1f\x7f]/g, '')}\``;

function imageMarkdown(r: CheckResult): string {
  const d = r.details as {
    image_ref?: string;
    tags?: string[];
    platforms?: string[];
    size_bytes?: number;
    layers?: Layer[];
    base?: { name: string; digest: string; size_bytes: number; layers: number };
    model?: { digest: string; format: string };
    pushed?: boolean;
    uploads?: { uploaded: number; mounted: number; skipped: number; bytes_uploaded: number };
    cached_layers?: string[];
  };
  if (!d.image_ref || !d.layers || !d.base || d.size_bytes === undefined) return resultMarkdown(r);
  const lines = markdownHeading(r);
  lines.push(`- **image**: ${code(d.image_ref)}${d.pushed ? '' : ' (not pushed)'}`);
  if (d.tags?.length) lines.push(`- **tags**: ${d.tags.map((t) => code(t)).join(', ')}`);
  lines.push(`- **platforms**: ${escapeMarkdown((d.platforms ?? []).join(', '))}`);
  if (d.model) lines.push(`- **model**: ${escapeMarkdown(d.model.format)} ${code(d.model.digest)}`);
  if (d.uploads)
    lines.push(
      `- **push**: ${d.uploads.uploaded} blobs uploaded (${mb(d.uploads.bytes_uploaded)}), ${d.uploads.mounted} mounted, ${d.uploads.skipped} already there`,
    );
  lines.push('', '| layer | size | share |', '| --- | ---: | ---: |');
  const total = d.size_bytes;
  const base = d.layers.filter((l) => l.role === 'base');
  const pct = (n: number) => `${formatNumber((100 * n) / Math.max(1, total))}%`;
  const baseBytes = base.reduce((a, l) => a + l.size_bytes, 0);
  lines.push(
    `| base ${escapeMarkdown(d.base.name)} (${base.length} layers) | ${mb(baseBytes)} | ${pct(baseBytes)} |`,
  );
  for (const l of d.layers.filter((x) => x.role !== 'base'))
    lines.push(
      `| ${escapeMarkdown(l.role)} ${code(l.digest.slice(0, 19))}${d.cached_layers?.includes(l.role) ? ' (cached)' : ''} | ${mb(l.size_bytes)} | ${pct(l.size_bytes)} |`,
    );
  lines.push(
    `| **image** (compressed, with config) | **${mb(total)}** | +${mb(total - d.base.size_bytes)} over the base |`,
    '',
  );
  lines.push(...findingsMarkdown(r.findings, r.status));
  return lines.join('\n');
}

export const imagePresenter: CheckPresenter = {
  check: 'image',
  markdown: imageMarkdown,
  keyFigures(r: CheckResult): KeyFigure[] {
    const size = r.metrics.size_bytes;
    const layers = r.metrics.layers;
    return [
      {
        label: 'image size',
        value: typeof size === 'number' ? size / 1e6 : null,
        unit: 'MB',
        change: 'relative',
        better: 'lower',
      },
      { label: 'layers', value: typeof layers === 'number' ? layers : null, better: 'lower' },
    ];
  },
};
