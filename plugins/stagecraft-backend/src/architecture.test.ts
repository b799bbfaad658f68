import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

// The backend's folders name the parts of its architecture (docs/architecture.md). These tests
// keep them honest: a folder that imports another folder that imports it back is one part
// split in two, or two parts knit together; and a file past 300 lines holds more than one
// concept. Test files and test helpers are not production code and are left out.

const SRC = __dirname;
const MAX_LINES = 300;

/** Module specifiers of `import … from`, `export … from`, `import '…'`, `import(…)`, `require(…)`. */
const SPECIFIER =
  /(?:\bfrom\s+|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]([^'"]+)['"]/g;

const isProductionFile = (path: string) =>
  path.endsWith('.ts') &&
  !path.endsWith('.test.ts') &&
  !path.endsWith('.d.ts') &&
  !path.split(sep).includes('__testUtils__');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return isProductionFile(path) ? [path] : [];
  });
}

/** The top-level folder under src/ a file belongs to; `(root)` for plugin.ts and index.ts. */
const folderOf = (file: string) => {
  const parts = relative(SRC, file).split(sep);
  return parts.length > 1 ? parts[0] : '(root)';
};

/** Every folder → folder import, with the files that make it. */
function folderImports(files: string[]): Map<string, Map<string, string[]>> {
  const graph = new Map<string, Map<string, string[]>>();
  for (const file of files) {
    const from = folderOf(file);
    const text = readFileSync(file, 'utf8');
    for (const [, specifier] of text.matchAll(SPECIFIER)) {
      if (!specifier.startsWith('.')) continue;
      const to = folderOf(resolve(dirname(file), specifier));
      if (to === from) continue;
      const edges = graph.get(from) ?? new Map<string, string[]>();
      graph.set(from, edges);
      edges.set(to, [
        ...(edges.get(to) ?? []),
        `${relative(SRC, file)} → ${specifier}`,
      ]);
    }
  }
  return graph;
}

/** One cycle through each strongly connected group of folders (Tarjan), as folder paths. */
function folderCycles(graph: Map<string, Map<string, string[]>>) {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const groups: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (stack.includes(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        group.push(member);
      } while (member !== node);
      if (group.length > 1) groups.push(group);
    }
  };
  for (const node of [...graph.keys()].sort())
    if (!index.has(node)) visit(node);
  return groups.map(group => ({
    folders: [...group].sort(),
    cycle: shortestCycle(graph, group),
  }));
}

/** The shortest way from a group's first folder back to itself, staying in the group. */
function shortestCycle(
  graph: Map<string, Map<string, string[]>>,
  group: string[],
): string[] {
  const [start] = [...group].sort();
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const next of graph.get(node)?.keys() ?? []) {
      if (!group.includes(next)) continue;
      if (next === start) {
        const path = [node];
        while (path[0] !== start) path.unshift(previous.get(path[0])!);
        return [...path, start];
      }
      if (previous.has(next)) continue;
      previous.set(next, node);
      queue.push(next);
    }
  }
  return group;
}

function describeCycle(
  graph: Map<string, Map<string, string[]>>,
  { folders, cycle }: { folders: string[]; cycle: string[] },
): string {
  const hops = cycle.slice(1).map((to, i) => {
    const from = cycle[i];
    const files = graph.get(from)!.get(to)!;
    return `  ${from} → ${to}: ${files.slice(0, 3).join(', ')}${
      files.length > 3 ? `, and ${files.length - 3} more` : ''
    }`;
  });
  return `${folders.join(', ')} import each other, e.g. ${cycle.join(
    ' → ',
  )}\n${hops.join('\n')}`;
}

describe('the backend architecture', () => {
  const files = sourceFiles(SRC);

  it('reads the source it checks', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files.map(folderOf)).toContain('(root)');
  });

  it('has no import cycle between folders', () => {
    const graph = folderImports(files);
    const cycles = folderCycles(graph).map(c => describeCycle(graph, c));
    expect(cycles).toEqual([]);
  });

  it('has no production file over 300 lines, generated code aside', () => {
    const long = files
      .filter(file => !file.endsWith('.generated.ts'))
      .map(file => ({
        file: relative(SRC, file),
        lines: readFileSync(file, 'utf8').split('\n').length - 1,
      }))
      .filter(({ lines }) => lines > MAX_LINES);
    expect(long).toEqual([]);
  });

  it('finds a cycle between folders and says which imports make it', () => {
    const graph = new Map([
      ['a', new Map([['b', ['a/x.ts → ../b/y']]])],
      ['b', new Map([['c', ['b/y.ts → ../c/z']]])],
      ['c', new Map([['a', ['c/z.ts → ../a/x']]])],
      ['d', new Map([['a', ['d/w.ts → ../a/x']]])],
    ]);
    const cycles = folderCycles(graph);
    expect(cycles).toEqual([
      { folders: ['a', 'b', 'c'], cycle: ['a', 'b', 'c', 'a'] },
    ]);
    expect(describeCycle(graph, cycles[0])).toBe(
      'a, b, c import each other, e.g. a → b → c → a\n  a → b: a/x.ts → ../b/y\n  b → c: b/y.ts → ../c/z\n  c → a: c/z.ts → ../a/x',
    );
  });
});
