/**
 * The reads the Deploy and Runtime tabs make, weighted by how often a page open and its polls
 * send them: the deployment list and the runtime snapshot are polled, history, approvals,
 * releases and drift are read when a tab opens, links and manifests when a panel does.
 */
const READS: { weight: number; path: (component: string) => string }[] = [
  { weight: 25, path: c => `/components/default/${c}/deployments` },
  { weight: 25, path: c => `/components/default/${c}/deployments/dev/runtime` },
  { weight: 10, path: c => `/components/default/${c}/history` },
  { weight: 10, path: c => `/components/default/${c}/approvals` },
  { weight: 10, path: c => `/components/default/${c}/releases` },
  { weight: 10, path: c => `/components/default/${c}/deployments/dev/drift` },
  { weight: 5, path: c => `/components/default/${c}/deployments/dev/links` },
  {
    weight: 5,
    path: c => `/components/default/${c}/deployments/dev/manifests`,
  },
];

const CYCLE = READS.flatMap(read =>
  Array.from({ length: read.weight }, () => read),
);

/** The `i`th read of the mix: route by weight, components in turn. Deterministic. */
export function readOf(
  i: number,
  components: string[],
): { route: string; path: string } {
  // Stride 37 (prime to 100) interleaves the routes instead of sending 25 of one in a row.
  const read = CYCLE[(i * 37) % CYCLE.length];
  const path = read.path(components[i % components.length]);
  return { route: read.path(':name'), path };
}
