import { columnHistogram } from './histogram.js';
import type { ColumnDrift } from './types.js';

/**
 * A small self-contained SVG histogram of one column, reference vs current side by side per bin, for
 * the HTML report (no script, no external font or image; colours readable in light and dark themes).
 * Shares are of each file's usable values. Text from the data (column and category names) is escaped
 * with {@link escapeXml}.
 *
 * Complexity: O(bins). Nothing throws; null when the column has no histogram (skipped column).
 * @example renderDriftHistogramSvg(column) // '<svg xmlns="http://www.w3.org/2000/svg" …'
 */
export function renderDriftHistogramSvg(
  column: ColumnDrift,
  options: { width?: number; height?: number } = {},
): string | null {
  const h = columnHistogram(column);
  if (!h) return null;
  const width = options.width ?? 360;
  const height = options.height ?? 160;
  const left = 8;
  const right = 8;
  const top = 34;
  const bottom = 22;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const k = h.labels.length;
  const group = plotW / k;
  const bar = group * 0.4;
  const max = Math.max(...h.reference, ...h.current) || 1;
  const title = `${column.name}: reference vs current`;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" font-family="sans-serif" font-size="11">`,
    `<title>${escapeXml(title)}</title>`,
    `<text x="${left}" y="13" font-weight="bold">${escapeXml(truncate(column.name, 48))}</text>`,
    `<rect x="${left}" y="20" width="9" height="9" fill="${REF_COLOR}"/><text x="${left + 12}" y="28">reference</text>`,
    `<rect x="${left + 80}" y="20" width="9" height="9" fill="${CUR_COLOR}"/><text x="${left + 92}" y="28">current</text>`,
    `<text x="${width - right}" y="28" text-anchor="end" fill="#666">max ${fmtPct(max)}</text>`,
    `<line x1="${left}" y1="${r(top + plotH)}" x2="${r(width - right)}" y2="${r(top + plotH)}" stroke="#999"/>`,
  );
  for (let i = 0; i < k; i++) {
    const x0 = left + i * group + (group - 2 * bar) / 2;
    for (const [j, share, color, what] of [
      [0, h.reference[i], REF_COLOR, 'reference'],
      [1, h.current[i], CUR_COLOR, 'current'],
    ] as const) {
      const bh = (share / max) * plotH;
      parts.push(
        `<rect x="${r(x0 + j * bar)}" y="${r(top + plotH - bh)}" width="${r(bar)}" height="${r(bh)}" fill="${color}">` +
          `<title>${escapeXml(`${h.labels[i]}: ${what} ${fmtPct(share)}`)}</title></rect>`,
      );
    }
  }
  const numeric = column.js?.edges !== undefined;
  if (numeric || k <= 6) {
    const every = numeric ? Math.max(1, Math.ceil(k / 4)) : 1;
    for (let i = 0; i < k; i += every) {
      const x = left + i * group + (numeric ? 0 : group / 2);
      parts.push(
        `<text x="${r(x)}" y="${height - 6}" text-anchor="${numeric ? 'start' : 'middle'}" fill="#444">${escapeXml(truncate(h.labels[i], 12))}</text>`,
      );
    }
  }
  parts.push('</svg>');
  return parts.join('');
}

const REF_COLOR = '#4c78a8';
const CUR_COLOR = '#f58518';

/**
 * Escape text for XML/SVG content and attribute values.
 * @example escapeXml('<a & "b">') // "&lt;a &amp; &quot;b&quot;&gt;"
 */
export function escapeXml(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex -- XML 1.0 cannot carry these characters
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(
        /[&<>"']/g,
        (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string,
      )
  );
}

function r(x: number): number {
  return Math.round(x * 100) / 100;
}

function fmtPct(x: number): string {
  return `${Math.round(x * 1000) / 10}%`;
}

function truncate(s: string, max: number): string {
  const chars = [...s];
  return chars.length > max ? chars.slice(0, max - 1).join('') + '…' : s;
}
