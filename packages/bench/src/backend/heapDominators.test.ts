import { dominators } from './heapDominators';

/** A graph as adjacency lists, node 0 the root; every node of size 10 unless given. */
function run(edges: number[][], sizes: number[] = []) {
  return dominators(
    edges.length,
    (n, f) => edges[n].forEach(f),
    n => sizes[n] ?? 10,
  );
}

describe('dominators', () => {
  it('gives a node reached two ways the nearest common ancestor as its dominator', () => {
    // 0 → 1 → 3, 0 → 2 → 3, 3 → 4: node 3 is held by 1 and 2 alike, so only the root dominates it.
    const { idom, retained } = run([[1, 2], [3], [3], [4], []]);
    expect(Array.from(idom)).toEqual([0, 0, 0, 0, 3]);
    expect(Array.from(retained)).toEqual([50, 10, 10, 20, 10]);
  });

  it('counts what only one object holds in that object’s retained size', () => {
    // 0 → 1 → 2 → 3 and 2 → 4: freeing 1 frees 2, 3 and 4.
    const { idom, retained } = run([[1], [2], [3, 4], [], []], [0, 1, 2, 3, 4]);
    expect(Array.from(idom)).toEqual([0, 0, 1, 2, 2]);
    expect(retained[1]).toBe(1 + 2 + 3 + 4);
    expect(retained[2]).toBe(2 + 3 + 4);
  });

  it('follows cycles and leaves unreachable nodes to themselves', () => {
    // 0 → 1 ⇄ 2; node 3 points at 2 but nothing reaches 3.
    const { idom, retained } = run([[1], [2], [1], [2]]);
    expect(Array.from(idom)).toEqual([0, 0, 1, 3]);
    expect(Array.from(retained)).toEqual([30, 20, 10, 10]);
  });
});
