/*
 * What one request shape costs the API server: a local API server (no nodes), then for each
 * shape 10,040 requests (1,000 components x 2 environments, `BENCH_COMPONENTS`) into a fresh
 * copy of the projects, `BENCH_PARALLELISM` in flight (8) over one keep-alive connection, and
 * the CPU seconds kube-apiserver and etcd spent on them. `SHAPES=1,10,1` runs those shapes in
 * that order (a shape may repeat; each run has its own copy).
 * Answers issue 18's question whether a cheaper dry run exists (docs/benchmarks.md, "The
 * floor while the dry runs stay"). Run with:
 *   node -r @backstage/cli/config/nodeTransform.cjs packages/bench/src/reconcile/requestCostExperiment.ts
 */
import { KubeConfig } from '@kubernetes/client-node';
import { CatalogSnapshot } from '@stagecraft/plugin-stagecraft-backend/src/catalog/CatalogSnapshot';
import { boundedMap } from '@stagecraft/plugin-stagecraft-backend/src/apply/boundedMap';
import { managedKind, Manifest } from '@stagecraft/plugin-stagecraft-node';
import { collectionPath } from '@stagecraft/plugin-stagecraft-backend/src/kube/watchedKinds';
import { startLocalCluster } from '@stagecraft/test-cluster';
import { BENCH_ENVIRONMENTS, benchCatalog } from './benchCatalog';
import { childCpuSeconds, childCpuSince } from './childCpu';
import { IdealConnection } from './idealConnection';
import { renderDeployments } from './renderDeployments';

type Shape = {
  name: string;
  method: 'PATCH' | 'POST';
  dryRun: boolean;
  accept: string;
  /** Unset: the server's default, `Warn`, which decodes an apply's body a second time. */
  fieldValidation?: 'Ignore' | 'Strict';
};

const PROTO = 'application/vnd.kubernetes.protobuf';
const META_JSON =
  'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1';
const META_PROTO = `${PROTO};as=PartialObjectMetadata;g=meta.k8s.io;v=v1`;

const shapes: Shape[] = [
  {
    name: 'apply json',
    method: 'PATCH',
    dryRun: false,
    accept: 'application/json',
  },
  {
    name: 'dry-run apply json',
    method: 'PATCH',
    dryRun: true,
    accept: 'application/json',
  },
  {
    name: 'dry-run apply proto',
    method: 'PATCH',
    dryRun: true,
    accept: `${PROTO}, application/json`,
  },
  {
    name: 'dry-run apply meta-json',
    method: 'PATCH',
    dryRun: true,
    accept: META_JSON,
  },
  {
    name: 'dry-run apply meta-proto',
    method: 'PATCH',
    dryRun: true,
    accept: `${META_PROTO}, ${META_JSON}`,
  },
  {
    name: 'dry-run create json',
    method: 'POST',
    dryRun: true,
    accept: 'application/json',
  },
  {
    name: 'dry-run create proto',
    method: 'POST',
    dryRun: true,
    accept: `${PROTO}, application/json`,
  },
  {
    name: 'apply meta-json',
    method: 'PATCH',
    dryRun: false,
    accept: META_JSON,
  },
  {
    name: 'apply proto',
    method: 'PATCH',
    dryRun: false,
    accept: `${PROTO}, application/json`,
  },
  {
    name: 'dry-run apply json Ignore',
    method: 'PATCH',
    dryRun: true,
    accept: 'application/json',
    fieldValidation: 'Ignore',
  },
  {
    name: 'apply json Ignore',
    method: 'PATCH',
    dryRun: false,
    accept: 'application/json',
    fieldValidation: 'Ignore',
  },
];

async function main() {
  const components = Number(process.env.BENCH_COMPONENTS ?? 1000);
  const parallelism = Number(process.env.BENCH_PARALLELISM ?? 8);
  const cluster = await startLocalCluster({ mode: 'api' });
  try {
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromFile(cluster.kubeconfigPath);
    const connection = await IdealConnection.open(kubeConfig, parallelism);
    const send = (
      method: string,
      path: string,
      body: string,
      headers: Record<string, string>,
    ) => connection.send({ url: connection.url(path), body, method, headers });
    let copy = 0;
    const chosen =
      process.env.SHAPES?.split(',').map(i => {
        const shape = shapes[Number(i)];
        if (!shape)
          throw new Error(`SHAPES: no shape ${i} (0-${shapes.length - 1})`);
        return shape;
      }) ?? shapes;
    for (const shape of chosen) {
      const set = renderDeployments(
        new CatalogSnapshot(
          benchCatalog({ components, perProject: 50, prefix: `x${copy++}-` }),
        ),
        BENCH_ENVIRONMENTS,
      );
      const [namespaces, ...rest] = set.stages;
      const pathOf = (
        o: Manifest,
        create: boolean,
        dryRun: boolean,
        fieldValidation?: string,
      ) => {
        const row = managedKind(o.kind)!;
        const collection = collectionPath(
          { apiVersion: o.apiVersion, kind: o.kind, plural: row.plural },
          row.namespaced ? o.metadata.namespace : undefined,
        );
        const q = new URLSearchParams({ fieldManager: 'bench' });
        if (!create) q.set('force', 'true');
        if (dryRun) q.set('dryRun', 'All');
        if (fieldValidation) q.set('fieldValidation', fieldValidation);
        return create
          ? `${collection}?${q}`
          : `${collection}/${encodeURIComponent(o.metadata.name)}?${q}`;
      };
      await boundedMap(namespaces, parallelism, o =>
        send('PATCH', pathOf(o, false, false), JSON.stringify(o), {
          Accept: 'application/json',
          'Content-Type': 'application/apply-patch+yaml',
        }),
      );
      const objects = rest.flat();
      const bodies = objects.map(o => ({
        path: pathOf(
          o,
          shape.method === 'POST',
          shape.dryRun,
          shape.fieldValidation,
        ),
        body: JSON.stringify(o),
      }));
      const cpu = childCpuSeconds();
      const own = process.cpuUsage();
      const started = performance.now();
      await boundedMap(bodies, parallelism, b =>
        send(shape.method, b.path, b.body, {
          Accept: shape.accept,
          'Content-Type':
            shape.method === 'POST'
              ? 'application/json'
              : 'application/apply-patch+yaml',
        }),
      );
      const ms = performance.now() - started;
      const u = process.cpuUsage(own);
      console.log(
        `${shape.name.padEnd(28)} ${objects.length} requests  ${(
          ms / 1000
        ).toFixed(2)} s  cluster ${childCpuSince(cpu)}  client ${(
          (u.user + u.system) /
          1e6
        ).toFixed(1)} s`,
      );
    }
    connection.close();
  } finally {
    await cluster.stop();
  }
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
