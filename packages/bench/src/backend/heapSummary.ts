/*
 * `node -r @backstage/cli/config/nodeTransform.cjs packages/bench/src/backend/heapSummary.ts
 * <file.heapsnapshot> [top]` — what a V8 heap snapshot holds, without a browser: self size by
 * node type, the constructors with the most self size, and the objects that retain the most
 * (dominator tree, weak edges ignored), each with its retainer path. Snapshots of a whole
 * backend are hundreds of MB: nodes and edges are scanned from the bytes into typed arrays
 * rather than JSON.parse'd whole.
 */
import { readFileSync } from 'node:fs';
import { dominators } from './heapDominators';

interface Snapshot {
  nodeFields: string[];
  nodeTypes: string[];
  edgeFields: string[];
  edgeTypes: string[];
  nodes: Float64Array;
  edges: Uint32Array;
  strings: string[];
}

/** The numbers of the JSON array that starts at `key` (e.g. `"nodes":[`). */
function numbersAfter(buffer: Buffer, key: string): Float64Array {
  let at = buffer.indexOf(key) + key.length;
  const values: number[] = [];
  let value = 0;
  let inNumber = false;
  for (; ; at++) {
    const c = buffer[at];
    if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      inNumber = true;
    } else {
      if (inNumber) values.push(value);
      value = 0;
      inNumber = false;
      if (c === 93 /* ] */) break;
    }
  }
  return Float64Array.from(values);
}

function readSnapshot(file: string): Snapshot {
  const buffer = readFileSync(file);
  const metaEnd = buffer.indexOf('"nodes":[');
  const head = buffer.subarray(0, metaEnd).toString();
  const meta = JSON.parse(`${head.replace(/,\s*$/, '')}}`).snapshot.meta;
  const stringsAt = buffer.indexOf('"strings":[') + '"strings":'.length;
  const stringsEnd = buffer.lastIndexOf(']');
  return {
    nodeFields: meta.node_fields,
    nodeTypes: meta.node_types[0],
    edgeFields: meta.edge_fields,
    edgeTypes: meta.edge_types[0],
    nodes: numbersAfter(buffer, '"nodes":['),
    edges: Uint32Array.from(numbersAfter(buffer, '"edges":[')),
    strings: JSON.parse(buffer.subarray(stringsAt, stringsEnd + 1).toString()),
  };
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

function main(file: string, top: number) {
  const s = readSnapshot(file);
  const nf = s.nodeFields.length;
  const ef = s.edgeFields.length;
  const count = s.nodes.length / nf;
  const TYPE = s.nodeFields.indexOf('type');
  const NAME = s.nodeFields.indexOf('name');
  const SELF = s.nodeFields.indexOf('self_size');
  const EDGES = s.nodeFields.indexOf('edge_count');
  const ETYPE = s.edgeFields.indexOf('type');
  const ENAME = s.edgeFields.indexOf('name_or_index');
  const ETO = s.edgeFields.indexOf('to_node');
  const type = (n: number) => s.nodeTypes[s.nodes[n * nf + TYPE]];
  const name = (n: number) => s.strings[s.nodes[n * nf + NAME]];
  const self = (n: number) => s.nodes[n * nf + SELF];

  const firstEdge = new Uint32Array(count + 1);
  for (let n = 0; n < count; n++)
    firstEdge[n + 1] = firstEdge[n] + s.nodes[n * nf + EDGES] * ef;
  const weak = s.edgeTypes.indexOf('weak');
  const children = (n: number, f: (to: number, edge: number) => void) => {
    for (let e = firstEdge[n]; e < firstEdge[n + 1]; e += ef)
      if (s.edges[e + ETYPE] !== weak) f(s.edges[e + ETO] / nf, e);
  };

  let total = 0;
  const byType = new Map<string, number>();
  const byConstructor = new Map<string, { size: number; count: number }>();
  for (let n = 0; n < count; n++) {
    total += self(n);
    byType.set(type(n), (byType.get(type(n)) ?? 0) + self(n));
    if (type(n) === 'object' || type(n) === 'closure') {
      const key = `${type(n)} ${name(n)}`.slice(0, 80);
      const c = byConstructor.get(key) ?? { size: 0, count: 0 };
      c.size += self(n);
      c.count++;
      byConstructor.set(key, c);
    }
  }
  console.log(`${file}: ${count} nodes, ${mib(total)} self size in all`);
  console.log('\nself size by node type:');
  [...byType]
    .sort((a, b) => b[1] - a[1])
    .forEach(([t, size]) => console.log(`  ${mib(size).padStart(11)}  ${t}`));
  console.log(`\nconstructors with the most self size (top ${top}):`);
  [...byConstructor]
    .sort((a, b) => b[1].size - a[1].size)
    .slice(0, top)
    .forEach(([k, c]) =>
      console.log(`  ${mib(c.size).padStart(11)}  ×${c.count}  ${k}`),
    );

  const { idom, retained } = dominators(count, children, self);
  const edgeName = (from: number, to: number) => {
    let label = '';
    children(from, (t, e) => {
      if (t !== to || label !== '') return;
      const edgeType = s.edgeTypes[s.edges[e + ETYPE]];
      label =
        edgeType === 'element' || edgeType === 'hidden'
          ? `[${s.edges[e + ENAME]}]`
          : s.strings[s.edges[e + ENAME]];
    });
    return label || '(held from several roots)';
  };
  const path = (n: number) => {
    const steps: string[] = [];
    for (let at = n; at !== 0 && steps.length < 8; at = idom[at])
      steps.push(
        `${edgeName(idom[at], at)} (${type(at)} ${name(at)})`.slice(0, 70),
      );
    return steps.reverse().join(' → ');
  };
  const order = Array.from({ length: count }, (_, n) => n)
    .filter(n => type(n) !== 'synthetic' && type(n) !== 'hidden')
    .sort((a, b) => retained[b] - retained[a]);
  console.log(
    `\nobjects that retain the most (top ${top}), with their dominator path:`,
  );
  for (const n of order.slice(0, top))
    console.log(
      `  ${mib(retained[n]).padStart(11)}  ${type(n)} ${name(n).slice(
        0,
        60,
      )}\n      ${path(n)}`,
    );
}

main(process.argv[2], Number(process.argv[3] ?? 40));
