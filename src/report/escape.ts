import { visible } from '../core/visible.js';

/**
 * Escape text that may come from a pull request (column names, messages quoting data) for a Markdown table
 * cell or paragraph on GitHub: no HTML, no table breaks, no mentions or links that notify anyone.
 */
export function escapeMarkdown(text: string): string {
  // Line breaks become spaces (a table cell is one line); other control characters are made visible.
  return visible(text.replace(/\r?\n/g, ' '))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/([\\`*_[\]#!])/g, '\\$1')
    .replace(/@(?=\w)/g, '@\u200b')
    .replace(/\r?\n/g, ' ');
}
