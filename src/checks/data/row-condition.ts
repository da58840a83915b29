/**
 * GX's `row_condition`: the expectation sees only the rows the condition selects. The condition is parsed
 * by a small grammar into a filter and never evaluated as code. One grammar serves GX's three
 * `condition_parser`s, whose syntaxes overlap:
 *
 *   pandas (DataFrame.query):            age >= 18 & plan == "basic", `signup date`.notnull(), ~(x < 0)
 *   great_expectations(__experimental__): col("age") >= 18 & col("plan").isin(["a", "b"]), col("x").notNull()
 *
 *   expr       := or
 *   or         := and (('|' | 'or') and)*
 *   and        := not (('&' | 'and') not)*
 *   not        := ('~' | 'not') not | '(' expr ')' | comparison
 *   comparison := operand (('==' | '!=' | '<' | '<=' | '>' | '>=') operand)?
 *   operand    := column ('.' method '(' [list] ')')? | number | string | True | False | None | list
 *   column     := name | `back ticked` | col("name") | col('name')
 *   method     := isin | isnull | notnull | isna | notna | notNull | isNull
 *
 * Semantics are pandas': a comparison with a null is false (`!=` is true), `isin` never matches a null
 * (unless the list holds None), a number never equals a string, and ordering a number against a string
 * raises (the expectation fails with exception_info).
 */
import { datetimeInfo, instantKey, instantKeys } from '../../data/datetime-column.js';
import { parseIsoDatetime } from '../../data/iso-datetime.js';
import type { CategoricalColumn, Column, Table } from '../../data/table.js';

export type ConditionParser = 'pandas' | 'great_expectations' | 'great_expectations__experimental__';
export const CONDITION_PARSERS: readonly ConditionParser[] = [
  'pandas',
  'great_expectations',
  'great_expectations__experimental__',
];

type Literal = number | string | boolean | null;
type Operand =
  | { kind: 'column'; name: string }
  | { kind: 'literal'; value: Literal }
  | { kind: 'list'; values: Literal[] };
export type Condition =
  | { kind: 'and' | 'or'; left: Condition; right: Condition }
  | { kind: 'not'; inner: Condition }
  | { kind: 'compare'; op: string; left: Operand; right: Operand }
  | { kind: 'method'; method: 'isin' | 'isnull' | 'notnull'; column: string; values: Literal[] };

/** A parse error at a 0-based offset in the condition text. */
export class ConditionSyntaxError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

interface Token {
  kind: 'op' | 'num' | 'str' | 'name' | 'tick' | 'end';
  text: string;
  value?: number | string;
  at: number;
}

const OPS = ['==', '!=', '<=', '>=', '<', '>', '&', '|', '~', '(', ')', '[', ']', ',', '.'];
/** A condition is a line or two of text; anything longer is not a row condition. */
const MAX_CONDITION_LENGTH = 10_000;
const MAX_DEPTH = 100;

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const at = i;
    const op = OPS.find((o) => src.startsWith(o, i));
    if (op && !(op === '.' && /\d/.test(src[i + 1] ?? ''))) {
      out.push({ kind: 'op', text: op, at });
      i += op.length;
      continue;
    }
    if (ch === '"' || ch === "'") {
      let s = '';
      i++;
      while (i < src.length && src[i] !== ch) {
        if (src[i] === '\\' && i + 1 < src.length) {
          const e = src[++i];
          s += e === 'n' ? '\n' : e === 't' ? '\t' : e;
        } else s += src[i];
        i++;
      }
      if (i >= src.length) throw new ConditionSyntaxError(at, 'unterminated string');
      i++;
      out.push({ kind: 'str', text: src.slice(at, i), value: s, at });
      continue;
    }
    if (ch === '`') {
      const end = src.indexOf('`', i + 1);
      if (end < 0) throw new ConditionSyntaxError(at, 'unterminated `column name`');
      out.push({ kind: 'tick', text: src.slice(at, end + 1), value: src.slice(i + 1, end), at });
      i = end + 1;
      continue;
    }
    const num = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(src.slice(i));
    if (num && !(ch === '+' || ch === '-')) {
      out.push({ kind: 'num', text: num[0], value: Number(num[0]), at });
      i += num[0].length;
      continue;
    }
    if (ch === '-' && /[\d.]/.test(src[i + 1] ?? '') && num) {
      out.push({ kind: 'num', text: num[0], value: Number(num[0]), at });
      i += num[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (name) {
      out.push({ kind: 'name', text: name[0], at });
      i += name[0].length;
      continue;
    }
    throw new ConditionSyntaxError(at, `unexpected character ${JSON.stringify(ch)}`);
  }
  out.push({ kind: 'end', text: 'end of condition', at: src.length });
  return out;
}

const METHODS: Record<string, 'isin' | 'isnull' | 'notnull'> = {
  isin: 'isin',
  isnull: 'isnull',
  isna: 'isnull',
  isNull: 'isnull',
  notnull: 'notnull',
  notna: 'notnull',
  notNull: 'notnull',
};

/** Parse a row condition. @throws ConditionSyntaxError with the offset of the problem. */
export function parseCondition(src: string): Condition {
  if (src.length > MAX_CONDITION_LENGTH)
    throw new ConditionSyntaxError(0, `a row condition is at most ${MAX_CONDITION_LENGTH} characters`);
  const tokens = tokenize(src);
  let pos = 0;
  let depth = 0;
  const peek = () => tokens[pos];
  const next = () => tokens[pos++];
  const isOp = (text: string) => peek().kind === 'op' && peek().text === text;
  const isWord = (text: string) => peek().kind === 'name' && peek().text === text;
  const expect = (text: string) => {
    if (!isOp(text))
      throw new ConditionSyntaxError(peek().at, `expected "${text}", found ${describe(peek())}`);
    next();
  };
  const describe = (t: Token) => (t.kind === 'end' ? 'the end of the condition' : `"${t.text}"`);

  const or = (): Condition => {
    let left = and();
    while (isOp('|') || isWord('or')) {
      next();
      left = { kind: 'or', left, right: and() };
    }
    return left;
  };
  const and = (): Condition => {
    let left = not();
    while (isOp('&') || isWord('and')) {
      next();
      left = { kind: 'and', left, right: not() };
    }
    return left;
  };
  const not = (): Condition => {
    if (++depth > MAX_DEPTH)
      throw new ConditionSyntaxError(peek().at, `nested deeper than ${MAX_DEPTH} levels`);
    try {
      if (isOp('~') || isWord('not')) {
        next();
        return { kind: 'not', inner: not() };
      }
      if (isOp('(')) {
        next();
        const inner = or();
        expect(')');
        return inner;
      }
      return comparison();
    } finally {
      depth--;
    }
  };
  const literalList = (): Literal[] => {
    expect('[');
    const values: Literal[] = [];
    while (!isOp(']')) {
      const t = peek();
      const v = operand();
      if (v.kind !== 'literal')
        throw new ConditionSyntaxError(t.at, 'a list holds numbers, strings, True, False or None');
      values.push(v.value);
      if (!isOp(']')) expect(',');
    }
    next();
    return values;
  };
  const columnRef = (): string | undefined => {
    const t = peek();
    if (t.kind === 'tick') {
      next();
      return t.value as string;
    }
    if (t.kind === 'name' && t.text === 'col' && tokens[pos + 1]?.text === '(') {
      next();
      next();
      const s = next();
      if (s.kind !== 'str') throw new ConditionSyntaxError(s.at, 'expected a quoted column name in col("…")');
      expect(')');
      return s.value as string;
    }
    if (t.kind === 'name' && !['True', 'False', 'None', 'and', 'or', 'not'].includes(t.text)) {
      next();
      return t.text;
    }
    return undefined;
  };
  const operand = (): Operand => {
    const t = peek();
    if (t.kind === 'num') return (next(), { kind: 'literal', value: t.value as number });
    if (t.kind === 'str') return (next(), { kind: 'literal', value: t.value as string });
    if (t.kind === 'name' && (t.text === 'True' || t.text === 'False'))
      return (next(), { kind: 'literal', value: t.text === 'True' });
    if (t.kind === 'name' && t.text === 'None') return (next(), { kind: 'literal', value: null });
    if (isOp('[')) return { kind: 'list', values: literalList() };
    const name = columnRef();
    if (name === undefined)
      throw new ConditionSyntaxError(t.at, `expected a column, a number or a string, found ${describe(t)}`);
    return { kind: 'column', name };
  };
  const comparison = (): Condition => {
    const start = peek();
    const left = operand();
    if (left.kind === 'column' && isOp('.')) {
      next();
      const m = next();
      const method = m.kind === 'name' ? METHODS[m.text] : undefined;
      if (!method)
        throw new ConditionSyntaxError(
          m.at,
          `unsupported method ${describe(m)}; supported: isin, isnull, notnull, isna, notna`,
        );
      expect('(');
      const values = method === 'isin' ? literalList() : [];
      expect(')');
      return { kind: 'method', method, column: left.name, values };
    }
    const op = peek();
    if (op.kind === 'op' && ['==', '!=', '<', '<=', '>', '>='].includes(op.text)) {
      next();
      const right = operand();
      if (left.kind === 'list' || right.kind === 'list')
        throw new ConditionSyntaxError(op.at, 'compare with single values; use .isin([...]) for lists');
      return { kind: 'compare', op: op.text, left, right };
    }
    throw new ConditionSyntaxError(
      op.at,
      left.kind === 'column'
        ? `expected a comparison (==, !=, <, <=, >, >=) or .isin/.isnull/.notnull after column "${left.name}", found ${describe(op)}`
        : `expected a comparison after ${describe(start)}, found ${describe(op)}`,
    );
  };

  const result = or();
  if (peek().kind !== 'end') throw new ConditionSyntaxError(peek().at, `unexpected ${describe(peek())}`);
  return result;
}

/** Every column a condition reads. */
export function conditionColumns(c: Condition): string[] {
  switch (c.kind) {
    case 'and':
    case 'or':
      return [...conditionColumns(c.left), ...conditionColumns(c.right)];
    case 'not':
      return conditionColumns(c.inner);
    case 'method':
      return [c.column];
    case 'compare':
      return [c.left, c.right].flatMap((o) => (o.kind === 'column' ? [o.name] : []));
  }
}

type Cell = number | string | null;

function cell(column: Column, row: number): Cell {
  if (column.type === 'numeric') {
    const v = column.values[row];
    return Number.isNaN(v) ? null : v;
  }
  const c = column.codes[row];
  return c < 0 ? null : column.dictionary[c];
}

function literalCell(v: Literal): Cell {
  return typeof v === 'boolean' ? (v ? 1 : 0) : v;
}

/**
 * The rows (0-based, ascending) the condition selects. @throws RangeError where pandas raises (ordering
 * numbers against strings).
 */
export function selectRows(c: Condition, rows: number, columnOf: (name: string) => Column): number[] {
  const test = compile(c, columnOf);
  const out: number[] = [];
  for (let r = 0; r < rows; r++) if (test(r)) out.push(r);
  return out;
}

function compile(c: Condition, columnOf: (name: string) => Column): (row: number) => boolean {
  switch (c.kind) {
    case 'and': {
      const [l, r] = [compile(c.left, columnOf), compile(c.right, columnOf)];
      return (row) => l(row) && r(row);
    }
    case 'or': {
      const [l, r] = [compile(c.left, columnOf), compile(c.right, columnOf)];
      return (row) => l(row) || r(row);
    }
    case 'not': {
      const inner = compile(c.inner, columnOf);
      return (row) => !inner(row);
    }
    case 'method': {
      const col = columnOf(c.column);
      if (c.method === 'isnull') return (row) => cell(col, row) === null;
      if (c.method === 'notnull') return (row) => cell(col, row) !== null;
      const values = c.values.map(literalCell);
      const hasNull = values.includes(null);
      return (row) => {
        const v = cell(col, row);
        return v === null ? hasNull : values.some((x) => x === v);
      };
    }
    case 'compare': {
      const side = (o: Operand): ((row: number) => Cell) => {
        if (o.kind === 'column') {
          const col = columnOf(o.name);
          return (row) => cell(col, row);
        }
        const v = literalCell((o as { value: Literal }).value);
        return () => v;
      };
      const dated = datetimeCompare(c, columnOf);
      const [l, r] = dated ?? [side(c.left), side(c.right)];
      const op = c.op;
      return (row) => {
        const a = l(row);
        const b = r(row);
        if (a === null || b === null) return op === '!=';
        if (typeof a !== typeof b) {
          if (op === '==') return false;
          if (op === '!=') return true;
          throw new RangeError(
            `row_condition compares ${JSON.stringify(a)} with ${JSON.stringify(b)} using ${op}: a number cannot be ordered against a string (pandas raises TypeError)`,
          );
        }
        switch (op) {
          case '==':
            return a === b;
          case '!=':
            return a !== b;
          case '<':
            return a < b;
          case '<=':
            return a <= b;
          case '>':
            return a > b;
          default:
            return a >= b;
        }
      };
    }
  }
}

/**
 * A comparison of a datetime column with an ISO 8601 string or another datetime column of the same kind
 * (naive or zoned) compares instants, as pandas' query does: both sides become instant keys (strings that
 * order as the instants). Anything else (a non-date string, a text column) is compared as text, as GX does
 * on a `read_csv` without `parse_dates`. Undefined when the comparison is not between instants.
 */
function datetimeCompare(
  c: Extract<Condition, { kind: 'compare' }>,
  columnOf: (name: string) => Column,
): [(row: number) => Cell, (row: number) => Cell] | undefined {
  const infoOf = (o: Operand) => (o.kind === 'column' ? datetimeInfo(columnOf(o.name)) : undefined);
  const kind = infoOf(c.left) ?? infoOf(c.right);
  if (!kind) return undefined;
  const side = (o: Operand): ((row: number) => Cell) | undefined => {
    if (o.kind === 'column') {
      const info = datetimeInfo(columnOf(o.name));
      if (!info || (info.offset === null) !== (kind.offset === null)) return undefined;
      const keys = instantKeys(info);
      const codes = (columnOf(o.name) as CategoricalColumn).codes;
      return (row) => (codes[row] < 0 ? null : keys[codes[row]]);
    }
    const v = (o as { value: Literal }).value;
    const d = typeof v === 'string' ? parseIsoDatetime(v) : undefined;
    if (!d || (d.offset === null) !== (kind.offset === null)) return undefined;
    const key = instantKey(d.ns);
    return () => key;
  };
  const l = side(c.left);
  const r = side(c.right);
  return l && r ? [l, r] : undefined;
}

/** The table restricted to `rows` (0-based, ascending), keeping only the columns named. */
export function filterTable(table: Table, rows: readonly number[], names: ReadonlySet<string>): Table {
  const columns: Column[] = table.columns
    .filter((c) => names.has(c.name))
    .map((c) => {
      if (c.type === 'numeric') {
        const values = new Float64Array(rows.length);
        rows.forEach((r, i) => (values[i] = c.values[r]));
        return { ...c, values };
      }
      const codes = new Int32Array(rows.length);
      rows.forEach((r, i) => (codes[i] = c.codes[r]));
      return { ...c, codes };
    });
  return { file: table.file, rows: rows.length, header: table.header, columns };
}
