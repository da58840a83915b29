import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { ConfigError } from './errors.js';

/** A parsed YAML (or JSON) file that still knows where every node came from. */
export interface YamlSource {
  file: string;
  doc: Document;
  lines: LineCounter;
}

/**
 * Parse YAML keeping positions. A syntax error (duplicate keys included) is a ConfigError at its file,
 * line and column. JSON is YAML, so GX's JSON suites come through here too.
 */
export function parseYamlSource(text: string, file: string): YamlSource {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    const e = doc.errors[0];
    const { line, col } = lines.linePos(e.pos[0]);
    throw new ConfigError(
      { file, line, column: col },
      `invalid YAML: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`,
    );
  }
  return { file, doc, lines };
}

/**
 * 1-based line and column of the node at `path` (its key when `atKey`, for "unknown key" messages);
 * the deepest node that exists when the path goes further than the document.
 */
export function positionOf(
  src: YamlSource,
  path: readonly (string | number)[],
  atKey = false,
): { line?: number; column?: number } {
  let node: unknown = src.doc.contents;
  let keyNode: Node | undefined;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === seg);
      if (!pair) break;
      keyNode = pair.key as Node;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      keyNode = undefined;
      node = node.items[seg];
    } else break;
  }
  const target = (atKey && keyNode) || (node as Node | null) || keyNode;
  const offset = target?.range?.[0];
  if (offset === undefined) return {};
  const { line, col } = src.lines.linePos(offset);
  return { line, column: col };
}
