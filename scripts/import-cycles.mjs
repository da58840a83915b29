// `node scripts/import-cycles.mjs [dir...]` (part of `npm run lint`): fails when the static imports of the
// TypeScript sources form a circle. A circle means two modules cannot be understood, tested or loaded one
// without the other (and under ESM one of them sees the other half-initialised), so the tree has none.
//
// Every static `import … from` and `export … from` counts, `import type` too: a circle of types is still
// two modules that only make sense together. A dynamic `import()` does not count: loading lazily is the
// way to depend on something heavy (a model runtime) without a static edge. Only relative imports are
// followed; `./x.js` resolves to `./x.ts` as the compiler does. Default directories: src, test, bench,
// scripts.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = /\.(ts|mts|mjs|js)$/;

/** Every source file under `dir` (skipping node_modules, dist and dot-directories). */
function walk(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** The file a relative specifier names, or undefined when it is not a source file of the tree. */
function resolveSpecifier(from, specifier) {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return undefined;
  const base = resolve(dirname(from), specifier);
  const candidates = [base, base.replace(/\.js$/, '.ts'), base.replace(/\.mjs$/, '.mts'), `${base}.ts`];
  candidates.push(join(base, 'index.ts'));
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}

/** Static import and re-export specifiers of one file. */
export function staticImports(file, text = readFileSync(file, 'utf8')) {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  const out = [];
  for (const statement of source.statements) {
    if (
      (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) &&
      statement.moduleSpecifier &&
      ts.isStringLiteral(statement.moduleSpecifier)
    ) {
      const line = source.getLineAndCharacterOfPosition(statement.getStart(source)).line + 1;
      out.push({ specifier: statement.moduleSpecifier.text, line });
    }
  }
  return out;
}

/** The import graph of `files`: file → [{ to, line }]. */
export function importGraph(files) {
  const graph = new Map();
  for (const file of files) {
    const edges = [];
    for (const { specifier, line } of staticImports(file)) {
      const to = resolveSpecifier(file, specifier);
      if (to) edges.push({ to, line });
    }
    graph.set(file, edges);
  }
  return graph;
}

/**
 * The circles of `graph`: one per strongly connected component of more than one file (or a file that
 * imports itself), each as a path that starts and ends at the same file (Tarjan's algorithm, iterative).
 */
export function findCycles(graph) {
  let counter = 0;
  const index = new Map();
  const low = new Map();
  const onStack = new Set();
  const stack = [];
  const components = [];
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work = [{ node: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length) {
      const frame = work[work.length - 1];
      const edges = graph.get(frame.node) ?? [];
      if (frame.next < edges.length) {
        const { to } = edges[frame.next++];
        if (!graph.has(to)) continue;
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, next: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node), index.get(to)));
        }
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent), low.get(frame.node)));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const component = [];
        let member;
        do {
          member = stack.pop();
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        const selfLoop = (graph.get(frame.node) ?? []).some((e) => e.to === frame.node);
        if (component.length > 1 || selfLoop) components.push(component);
      }
    }
  }
  return components.map((component) => cyclePath(graph, new Set(component)));
}

/** One circle through a strongly connected component, as [{ file, line }] (line: of the import to the next). */
function cyclePath(graph, members) {
  const start = [...members].sort()[0];
  // Breadth-first from `start` back to itself, inside the component: the shortest circle through it.
  const previous = new Map();
  const queue = [start];
  while (queue.length) {
    const node = queue.shift();
    for (const { to, line } of graph.get(node) ?? []) {
      if (!members.has(to)) continue;
      if (to === start) {
        const path = [{ file: node, line }];
        for (let at = node; at !== start;) {
          const p = previous.get(at);
          path.unshift({ file: p.node, line: p.line });
          at = p.node;
        }
        path.push({ file: start });
        return path;
      }
      if (!previous.has(to)) {
        previous.set(to, { node, line });
        queue.push(to);
      }
    }
  }
  return [{ file: start }];
}

function main() {
  const dirs = process.argv.slice(2);
  const roots = (dirs.length ? dirs : ['src', 'test', 'bench', 'scripts']).map((d) => resolve(root, d));
  const files = roots.filter((d) => existsSync(d)).flatMap((d) => walk(d));
  const cycles = findCycles(importGraph(files));
  for (const cycle of cycles) {
    const text = cycle
      .map((step) => `${relative(root, step.file)}${step.line ? `:${step.line}` : ''}`)
      .join(' → ');
    console.error(`import circle: ${text}`);
  }
  if (cycles.length) {
    console.error(
      `${cycles.length} import circle${cycles.length > 1 ? 's' : ''}: move what both sides need into a module of its own`,
    );
    process.exitCode = 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
