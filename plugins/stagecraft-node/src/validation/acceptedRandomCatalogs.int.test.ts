import {
  CoreV1Api,
  KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
} from '@kubernetes/client-node';
import {
  describeWithCluster,
  installAddons,
  testCluster,
} from '@stagecraft/test-cluster';
import fc from 'fast-check';
import { compileEnvironment } from '../compiler/compileEnvironment';
import { Manifest } from '../compiler/types';
import { catalogArbitrary } from './__testUtils__/entityArbitraries';
import { validateDocuments } from './validateDocuments';

/**
 * What `validate` accepts of random catalogs whose free text is hostile (100 KB strings, NUL,
 * lone surrogates, RTL and zero-width characters, YAML-looking values) compiles into objects
 * the real API server accepts: a sample of them, server-side dry-run. The seed is fixed, so the
 * sample is the same every run; `FC_SEED` picks another.
 */
const SAMPLE = 20;
const seed = Number(process.env.FC_SEED ?? 1130);

async function acceptedCatalogs() {
  const accepted = [];
  for (const entities of fc.sample(catalogArbitrary('free'), {
    seed,
    numRuns: 200,
  })) {
    const { problems } = await validateDocuments({
      documents: entities.map((value, index) => ({
        source: `random-${index}.yaml`,
        index: 0,
        value: value as unknown as Record<string, unknown>,
      })),
    });
    if (!problems.some(p => (p.severity ?? 'error') === 'error'))
      accepted.push(entities);
    if (accepted.length === SAMPLE) break;
  }
  return accepted;
}

const apply = (api: KubernetesObjectApi, m: Manifest, dryRun?: 'All') =>
  api.patch(
    m as KubernetesObject,
    undefined,
    dryRun,
    'stagecraft',
    true,
    PatchStrategy.ServerSideApply,
  );

describeWithCluster(
  'random catalogs validate accepts, on a real API server',
  () => {
    // Public and internal endpoints are exposed with HTTPRoutes.
    beforeAll(() => installAddons(testCluster().kubeConfig()));

    it(`accepts every manifest compiled from ${SAMPLE} of them in a server-side dry run`, async () => {
      const catalogs = await acceptedCatalogs();
      expect(catalogs).toHaveLength(SAMPLE);
      const api = KubernetesObjectApi.makeApiClient(testCluster().kubeConfig());
      const namespaces = new Map<string, Manifest>();
      const failures: string[] = [];
      let checked = 0;
      try {
        for (const entities of catalogs) {
          for (const environment of ['dev', 'production']) {
            const { manifests } = compileEnvironment({ entities, environment });
            // Namespaces must exist for namespaced dry runs, so they are applied for real.
            for (const ns of manifests.filter(m => m.kind === 'Namespace'))
              if (!namespaces.has(ns.metadata.name)) {
                await apply(api, ns);
                namespaces.set(ns.metadata.name, ns);
              }
            const objects = manifests.filter(m => m.kind !== 'Namespace');
            // One at a time, as the control plane applies: the API server is shared with others.
            for (const m of objects)
              await apply(api, m, 'All').catch(error =>
                failures.push(
                  `${m.kind} ${m.metadata.namespace}/${
                    m.metadata.name
                  }: ${String(error.body ?? error.message).slice(0, 500)}`,
                ),
              );
            checked += objects.length;
          }
        }
        expect(failures).toEqual([]);
        console.log(
          `dry-ran ${checked} objects of ${SAMPLE} random accepted catalogs (seed ${seed})`,
        );
        expect(checked).toBeGreaterThan(SAMPLE * 4);
      } finally {
        const core = testCluster().kubeConfig().makeApiClient(CoreV1Api);
        for (const name of namespaces.keys())
          await core.deleteNamespace({ name }).catch(() => undefined);
      }
    });
  },
);
