import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { clusterAppConfig } from '@stagecraft/test-cluster';
import type { LocalCluster } from '@stagecraft/test-cluster';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BENCH_ENVIRONMENTS, benchCatalog } from '../reconcile/benchCatalog';
import { CatalogLayout, catalogFiles } from './catalogFiles';
import type { memoryReleaseKnobs } from './memoryReleaseKnobs';

/** The pipeline every benchmark component follows: dev, then staging, neither gated. */
function benchPipeline(): Entity {
  return {
    apiVersion: 'stagecraft.dev/v1alpha1',
    kind: 'DeploymentPipeline',
    metadata: { name: 'default', namespace: 'default' },
    spec: { stages: BENCH_ENVIRONMENTS.map(environment => ({ environment })) },
  };
}

/**
 * Writes what the real backend needs to deploy the reconcile benchmark's organisation: the
 * catalog (its entities and a dev → staging pipeline) as file locations (catalogFiles), and an app-config
 * overlay (loaded on top of app-config.yaml) with the local cluster as target `local`, SQLite
 * files in `dir`, a static service token for the REST calls and loopback-only listening.
 * JSON is written for both: every JSON document is a YAML document.
 */
export async function writeBenchBackendConfig(o: {
  dir: string;
  cluster: LocalCluster;
  components: number;
  perProject: number;
  port: number;
  token: string;
  reconcile: { concurrency: number; qps: number };
  /** `backend.memoryRelease` (packages/backend/src/memory): on or off, and its allowance. */
  memoryRelease: ReturnType<typeof memoryReleaseKnobs>['config'];
  /** `backend.database` when not SQLite files in `dir` (benchPostgres). */
  database?: object;
  /** One catalog file or one per project (catalogFiles); one by default. */
  catalogLayout?: CatalogLayout;
}): Promise<{ overlay: string; entities: number; components: string[] }> {
  await mkdir(join(o.dir, 'sqlite'), { recursive: true });
  // The pipeline first: the catalog trigger gives a component that arrives before it a
  // release but no deployment (the benchmark deploys those through the API).
  const entities = [
    benchPipeline(),
    ...benchCatalog({ components: o.components, perProject: o.perProject }),
  ];
  const files = catalogFiles(entities, o.catalogLayout ?? 'one');
  for (const file of files)
    await writeFile(
      join(o.dir, `${file.name}.yaml`),
      file.entities.map(e => JSON.stringify(e)).join('\n---\n'),
    );
  const cluster = clusterAppConfig(o.cluster) as { stagecraft: object };
  const baseUrl = `http://127.0.0.1:${o.port}`;
  const overlay = {
    ...cluster,
    app: { baseUrl: 'http://127.0.0.1:3999' },
    backend: {
      baseUrl,
      memoryRelease: o.memoryRelease,
      listen: { port: o.port, host: '127.0.0.1' },
      cors: { origin: 'http://127.0.0.1:3999' },
      database: o.database ?? {
        client: 'better-sqlite3',
        connection: { directory: join(o.dir, 'sqlite') },
      },
      auth: {
        externalAccess: [
          {
            type: 'static',
            options: { token: o.token, subject: 'memory-bench' },
          },
        ],
      },
    },
    // Replaces app-config.yaml's locations (config arrays are not merged): only the benchmark's
    // organisation, with the platform kinds allowed as on the platform team's location.
    catalog: {
      locations: files.map(file => ({
        type: 'file',
        target: join(o.dir, `${file.name}.yaml`),
        rules: [
          {
            allow: [
              'Component',
              'System',
              'Endpoint',
              'Environment',
              'DeploymentPipeline',
            ],
          },
        ],
      })),
    },
    stagecraft: {
      ...cluster.stagecraft,
      // The poll at its default (120 s), as production runs it: every pass reads the whole
      // catalog, and at 10 s (an older default) a 5,000-component catalog was read that often.
      reconcile: o.reconcile,
    },
  };
  const overlayFile = join(o.dir, 'app-config.bench.yaml');
  await writeFile(overlayFile, JSON.stringify(overlay, null, 2));
  const components = entities
    .filter(e => e.kind === 'Component')
    .map(e => stringifyEntityRef(e));
  return { overlay: overlayFile, entities: entities.length, components };
}
