/**
 * Loading expectation suites: Great Expectations JSON files as GX writes them, or YAML with the same
 * structure. Both parse with the `yaml` package (JSON is YAML 1.2), which gives every node a source
 * offset, so each expectation keeps its line for annotations and every error can point at one.
 *
 * Accepted shapes:
 *   GX 0.x  {expectation_suite_name, expectations: [{expectation_type, kwargs, meta}]}
 *   GX 1.x  {name, expectations: [{type, kwargs?, meta?, severity?, id?, ...flattened kwargs}]}
 * Type names may also be GX 1.x class names (ExpectColumnValuesToNotBeNull).
 * Severity: `severity` on the expectation or in its `meta`: error|critical → error (fails the check),
 * warn|warning → warn (warns), info → info (reported only). Default error.
 */
import { basename } from 'node:path';
import { readInputText } from '../../core/read-input.js';
import { parseYamlSource, yamlToJs } from '../../core/yaml-source.js';
import { isMap, isScalar, isSeq, type Document, type Node, type YAMLMap } from 'yaml';
import { ConfigError } from '../../core/errors.js';
import { expectationColumns } from './expectation-result.js';
import {
  brokenExpectation,
  canonicalType,
  prepareExpectation,
  type PreparedExpectation,
  type Severity,
} from './expectation-catalog.js';

export interface ExpectationSuite {
  name: string;
  /** The suite file (findings and annotations point here). */
  file: string;
  expectations: PreparedExpectation[];
}

/** Keys of an expectation object that are not kwargs (GX 0.x and 1.x envelopes). */
const ENVELOPE = new Set([
  'expectation_type',
  'type',
  'kwargs',
  'meta',
  'id',
  'ge_cloud_id',
  'severity',
  'notes',
  'description',
  'rendered_content',
  'expectation_context',
  'windows',
  'batch_id',
]);

const SEVERITIES: Record<string, Severity> = {
  error: 'error',
  critical: 'error',
  warn: 'warn',
  warning: 'warn',
  info: 'info',
};

/** Read and parse a suite file. @throws ConfigError (file:line) for anything invalid; InputError-like errors from fs propagate. */
export async function loadSuite(file: string): Promise<ExpectationSuite> {
  return parseSuite(readInputText(file, { what: 'suite' }), file);
}

/** Parse suite text (JSON or YAML). */
export function parseSuite(text: string, file: string): ExpectationSuite {
  // JSON may be indented with tabs, which YAML forbids as indentation. A raw tab cannot occur inside a
  // JSON string, so replacing every tab by a space keeps the text's meaning and every offset.
  const source = text.replace(/^\uFEFF/, ' ');
  const looksJson = /^\s*[{[]/.test(source);
  const src = parseYamlSource(looksJson ? source.replace(/\t/g, ' ') : source, file);
  yamlToJs(src); // refuses alias bombs before any part of the suite is expanded
  const { doc, lines: lc } = src;
  const lineOf = (node: Node | null | undefined): number =>
    node?.range ? lc.linePos(node.range[0]).line : 1;
  const root = doc.contents;
  if (!isMap(root)) {
    throw new ConfigError(
      { file, line: lineOf(root as Node) },
      'expected a suite object with an "expectations" list',
    );
  }
  const toJs = (node: unknown): unknown =>
    node && typeof node === 'object' && 'toJS' in node ? (node as Node).toJS(doc as Document) : node;
  const rootJs = toJs(root) as Record<string, unknown>;
  const nameValue = rootJs.name ?? rootJs.expectation_suite_name;
  const name = typeof nameValue === 'string' ? nameValue : basename(file).replace(/\.(json|ya?ml)$/i, '');
  const list = root.get('expectations', true);
  if (list === undefined)
    throw new ConfigError({ file, line: 1 }, 'missing "expectations" (a list)', 'expectations');
  if (!isSeq(list))
    throw new ConfigError({ file, line: lineOf(list as Node) }, 'expected a list', 'expectations');

  const expectations = list.items.map((item, index) => {
    const path = `expectations[${index}]`;
    const line = lineOf(item as Node);
    if (!isMap(item)) throw new ConfigError({ file, line }, 'expected an expectation object', path);
    try {
      return prepareItem(item, path, line);
    } catch (e) {
      // GX's catch_exceptions (default true): the bad expectation fails on its own and the suite goes on.
      if (!(e instanceof ConfigError)) throw e;
      const obj = toJs(item) as Record<string, unknown>;
      const kwargs = {
        ...(isPlainObject(obj.kwargs) ? obj.kwargs : {}),
        ...Object.fromEntries(Object.entries(obj).filter(([k]) => !ENVELOPE.has(k))),
      };
      if (kwargs.catch_exceptions === false) throw e;
      const rawType = obj.expectation_type ?? obj.type;
      const meta = isPlainObject(obj.meta) ? obj.meta : {};
      const sev = obj.severity ?? meta.severity;
      const severity = (typeof sev === 'string' && SEVERITIES[sev.toLowerCase()]) || 'error';
      return brokenExpectation(
        typeof rawType === 'string' ? canonicalType(rawType) : '(no type)',
        kwargs,
        meta,
        severity,
        line,
        e.message,
      );
    }
  });

  function prepareItem(item: YAMLMap, path: string, line: number): PreparedExpectation {
    const valueStarts: Record<string, { line: number; column: number }> = {};
    const noteValue = (key: string, value: unknown) => {
      if (!isScalar(value) || !value.range) return;
      const pos = lc.linePos(value.range[0]);
      const quoted = value.type === 'QUOTE_DOUBLE' || value.type === 'QUOTE_SINGLE';
      valueStarts[key] = { line: pos.line, column: pos.col + (quoted ? 1 : 0) };
    };
    const keyLines = new Map<string, number>();
    for (const pair of item.items)
      if (isScalar(pair.key)) {
        keyLines.set(String(pair.key.value), lineOf(pair.key as Node));
        noteValue(String(pair.key.value), pair.value);
      }
    const obj = toJs(item) as Record<string, unknown>;
    const rawType = obj.expectation_type ?? obj.type;
    if (typeof rawType !== 'string') {
      throw new ConfigError({ file, line }, 'missing "type" (GX 1.x) or "expectation_type" (GX 0.x)', path);
    }
    const kwargsNode = item.get('kwargs', true);
    const kwargs: Record<string, unknown> = {};
    const kwargLines: Record<string, number> = {};
    if (
      kwargsNode !== undefined &&
      kwargsNode !== null &&
      !(isScalar(kwargsNode) && kwargsNode.value === null)
    ) {
      if (!isMap(kwargsNode))
        throw new ConfigError(
          { file, line: lineOf(kwargsNode as Node) },
          'expected an object',
          `${path}.kwargs`,
        );
      Object.assign(kwargs, toJs(kwargsNode));
      for (const pair of (kwargsNode as YAMLMap).items) {
        if (isScalar(pair.key)) {
          kwargLines[String(pair.key.value)] = lineOf(pair.key as Node);
          noteValue(String(pair.key.value), pair.value);
        }
      }
    }
    // GX 1.x may flatten kwargs onto the expectation itself.
    for (const [key, value] of Object.entries(obj)) {
      if (ENVELOPE.has(key)) continue;
      if (key in kwargs) {
        throw new ConfigError(
          { file, line: keyLines.get(key) ?? line },
          `"${key}" is given both in kwargs and on the expectation`,
          `${path}.${key}`,
        );
      }
      kwargs[key] = value;
      kwargLines[key] = keyLines.get(key) ?? line;
    }
    const meta = isPlainObject(obj.meta) ? obj.meta : {};
    if (obj.meta !== undefined && obj.meta !== null && !isPlainObject(obj.meta)) {
      throw new ConfigError(
        { file, line: keyLines.get('meta') ?? line },
        'expected an object',
        `${path}.meta`,
      );
    }
    const severityValue = obj.severity ?? meta.severity;
    let severity: Severity = 'error';
    if (severityValue !== undefined && severityValue !== null) {
      const s = typeof severityValue === 'string' ? SEVERITIES[severityValue.toLowerCase()] : undefined;
      if (!s) {
        throw new ConfigError(
          { file, line: keyLines.get('severity') ?? keyLines.get('meta') ?? line },
          `expected error, warn or info (GX: critical, warning, info), got ${JSON.stringify(severityValue)}`,
          `${path}.severity`,
        );
      }
      severity = s;
    }
    return prepareExpectation(canonicalType(rawType), kwargs, meta, severity, {
      file,
      line,
      keyLines: kwargLines,
      valueStarts,
      path: kwargsNode !== undefined ? `${path}.kwargs` : path,
    });
  }
  // A suite without expectations would pass any data: say so instead of a green check.
  if (expectations.length === 0)
    throw new ConfigError(
      { file, line: lineOf(list as Node) },
      'the suite has no expectations, so it would check nothing; add at least one',
      'expectations',
    );
  return { name, file, expectations };
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Columns a suite's expectations read (for reading only those columns of a large file). */
export function suiteColumns(suite: ExpectationSuite): string[] {
  const names = new Set<string>();
  for (const e of suite.expectations) {
    if (e.exception || e.unsupported) continue;
    for (const c of expectationColumns(e)) names.add(c);
  }
  return [...names];
}
