/**
 * The dominator tree of a heap graph rooted at node 0 (Cooper, Harvey and Kennedy's
 * iterative algorithm over a reverse post-order), and each node's retained size: its own
 * size plus that of every node it dominates, i.e. what would be freed without it. Nodes not
 * reachable from the root get themselves as dominator and only their own size.
 */
export function dominators(
  count: number,
  children: (n: number, f: (to: number) => void) => void,
  selfSize: (n: number) => number,
): { idom: Uint32Array; retained: Float64Array } {
  // Post-order by an explicit-stack DFS (the graph is millions of nodes deep in places).
  const postIndex = new Int32Array(count).fill(-1);
  const order = new Uint32Array(count);
  const visited = new Uint8Array(count);
  let posted = 0;
  const stack: number[] = [0];
  const childLists = new Map<number, number[]>();
  visited[0] = 1;
  while (stack.length > 0) {
    const n = stack[stack.length - 1];
    let list = childLists.get(n);
    if (!list) {
      list = [];
      children(n, to => list!.push(to));
      childLists.set(n, list);
    }
    const next = list.pop();
    if (next === undefined) {
      stack.pop();
      childLists.delete(n);
      postIndex[n] = posted;
      order[posted++] = n;
    } else if (!visited[next]) {
      visited[next] = 1;
      stack.push(next);
    }
  }

  // Predecessors in compressed form, for reachable nodes only.
  const predCount = new Uint32Array(count + 1);
  for (let n = 0; n < count; n++)
    if (visited[n]) children(n, to => visited[to] && predCount[to + 1]++);
  for (let n = 0; n < count; n++) predCount[n + 1] += predCount[n];
  const preds = new Uint32Array(predCount[count]);
  const fill = predCount.slice(0, count);
  for (let n = 0; n < count; n++)
    if (visited[n])
      children(n, to => {
        if (visited[to]) preds[fill[to]++] = n;
      });

  const UNSET = 0xffffffff;
  const idomByPost = new Uint32Array(posted).fill(UNSET);
  const root = postIndex[0];
  idomByPost[root] = root;
  const intersect = (first: number, second: number) => {
    let a = first;
    let b = second;
    while (a !== b) {
      while (a < b) a = idomByPost[a];
      while (b < a) b = idomByPost[b];
    }
    return a;
  };

  for (let changed = true; changed; ) {
    changed = false;
    for (let p = posted - 2; p >= 0; p--) {
      const n = order[p];
      let dom = UNSET;
      for (let i = predCount[n]; i < predCount[n + 1]; i++) {
        const q = postIndex[preds[i]];
        if (idomByPost[q] === UNSET) continue;
        dom = dom === UNSET ? q : intersect(q, dom);
      }
      if (dom !== UNSET && idomByPost[p] !== dom) {
        idomByPost[p] = dom;
        changed = true;
      }
    }
  }

  const idom = new Uint32Array(count);
  const retained = new Float64Array(count);
  for (let n = 0; n < count; n++) {
    idom[n] = n;
    retained[n] = selfSize(n);
  }
  for (let p = 0; p < posted; p++) idom[order[p]] = order[idomByPost[p]];
  // Children come before their dominator in post-order: one pass adds sizes upward.
  for (let p = 0; p < posted; p++) {
    const n = order[p];
    if (n !== 0) retained[idom[n]] += retained[n];
  }
  return { idom, retained };
}
