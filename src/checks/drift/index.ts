/** The drift check: reference vs current data, per-column tests and a dataset verdict. */
export { drift, defaultTest, formatNumber, TEST_LABELS } from './drift.js';
export { renderDriftMarkdown, escapeMarkdownText, mermaidLabel } from './markdown.js';
export { renderDriftHistogramSvg, escapeXml } from './svg.js';
export { columnHistogram, type DriftHistogram } from './histogram.js';
export * from './types.js';
