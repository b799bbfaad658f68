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
import { compileEnvironment } from './compileEnvironment';
import { loadExampleCatalog } from './__fixtures__/exampleCatalog';

describeWithCluster('the example catalog on a real API server', () => {
  const catalog = loadExampleCatalog();

  // The example's environments expose endpoints with HTTPRoutes.
  beforeAll(() => installAddons(testCluster().kubeConfig()));

  it.each(['dev', 'staging', 'production'])(
    'accepts every manifest compiled for %s in a server-side dry run',
    async environment => {
      const { manifests } = compileEnvironment({
        entities: catalog,
        environment,
      });
      const api = KubernetesObjectApi.makeApiClient(testCluster().kubeConfig());
      const namespaces = manifests.filter(m => m.kind === 'Namespace');
      try {
        // Namespaces must exist for namespaced dry runs, so they are applied for real.
        for (const ns of namespaces) {
          await api.patch(
            ns as KubernetesObject,
            undefined,
            undefined,
            'stagecraft',
            true,
            PatchStrategy.ServerSideApply,
          );
        }
        const failures: string[] = [];
        for (const m of manifests.filter(x => x.kind !== 'Namespace')) {
          await api
            .patch(
              m as KubernetesObject,
              undefined,
              'All',
              'stagecraft',
              true,
              PatchStrategy.ServerSideApply,
            )
            .catch(error =>
              failures.push(
                `${m.kind} ${m.metadata.namespace}/${m.metadata.name}: ${
                  error.body ?? error.message
                }`,
              ),
            );
        }
        expect(failures).toEqual([]);
        expect(manifests.length).toBeGreaterThan(60);
      } finally {
        const core = testCluster().kubeConfig().makeApiClient(CoreV1Api);
        for (const ns of namespaces)
          await core
            .deleteNamespace({ name: ns.metadata.name })
            .catch(() => undefined);
      }
    },
  );
});
