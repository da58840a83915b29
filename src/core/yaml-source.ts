import {
  isAlias,
  isCollection,
  isMap,
  isPair,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node,
} from 'yaml';
import { ConfigError } from './errors.js';
import { lineColumn } from './json-file.js';
import { MAX_NESTING, yamlTooDeepAt } from './nesting.js';

/** How many alias expansions a document may make before it is taken for an alias bomb. */
export const MAX_YAML_ALIASES = 1000;

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
  const tooDeep = (offset: number): ConfigError => {
    const { line, col } = lines.linePos(offset);
    return new ConfigError(
      { file, line, column: col },
      `invalid YAML: nested deeper than ${MAX_NESTING} levels (the limit for any YAML or JSON document)`,
    );
  };
  const flowDeep = yamlTooDeepAt(text);
  if (flowDeep >= 0)
    throw new ConfigError(
      { file, ...lineColumn(text, flowDeep) },
      `invalid YAML: nested deeper than ${MAX_NESTING} levels (the limit for any YAML or JSON document)`,
    );
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    const e = doc.errors[0];
    if (/call stack/i.test(e.message)) throw tooDeep(e.pos[0]);
    const { line, col } = lines.linePos(e.pos[0]);
    const detail =
      e.code === 'MULTIPLE_DOCS'
        ? 'a second document starts here ("---"); the file must hold one YAML document'
        : e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    throw new ConfigError({ file, line, column: col }, `invalid YAML: ${detail}`);
  }
  const deep = deepestNode(doc.contents as Node | null);
  if (deep) throw tooDeep(deep.range?.[0] ?? 0);
  return { file, doc, lines };
}

/** The first node below level MAX_NESTING, walked without recursion, or undefined. */
function deepestNode(root: Node | null): Node | undefined {
  const stack: [Node, number][] = root ? [[root, 1]] : [];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (!isCollection(node)) continue;
    if (depth > MAX_NESTING) return node;
    for (const item of node.items as unknown[]) {
      const values = isPair(item) ? [item.key, item.value] : [item];
      for (const v of values) if (v && isCollection(v)) stack.push([v as Node, depth + 1]);
    }
  }
  return undefined;
}

/**
 * The document as plain JavaScript values. Aliases are expanded at most {@link MAX_YAML_ALIASES} times,
 * so an alias bomb ("billion laughs") is a ConfigError at its first alias, not a hung process.
 */
export function yamlToJs(src: YamlSource): unknown {
  try {
    return src.doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (e) {
    if (!/alias/i.test((e as Error).message)) throw e;
    let first: Node | undefined;
    const stack: unknown[] = [src.doc.contents];
    while (stack.length && !first) {
      const n = stack.pop();
      if (isAlias(n)) first = n as Node;
      else if (isPair(n)) stack.push(n.value, n.key);
      else if (isCollection(n)) stack.push(...(n.items as unknown[]));
    }
    const { line, col } = src.lines.linePos(first?.range?.[0] ?? 0);
    throw new ConfigError(
      { file: src.file, line, column: col },
      `invalid YAML: aliases expand to more than ${MAX_YAML_ALIASES} nodes (an alias bomb?); write the values out instead`,
    );
  }
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
