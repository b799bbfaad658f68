import { CoreV1Api } from '@kubernetes/client-node';
import { Manifest } from '@stagecraft/plugin-stagecraft-node';
import { describeWithCluster, testCluster } from '@stagecraft/test-cluster';
import { randomBytes } from 'node:crypto';
import { applySet } from './applySet';
import { ServerSideApplier } from './ServerSideApplier';

const labels = { 'app.kubernetes.io/managed-by': 'stagecraft' };

describeWithCluster('apply and prune order on the local cluster', () => {
  const namespace = `order-${randomBytes(4).toString('hex')}`;
  const inside = (apiVersion: string, kind: string, spec = {}): Manifest => ({
    apiVersion,
    kind,
    metadata: { name: 'api', namespace, labels },
    ...spec,
  });
  // Given in the reverse of the table of managed kinds, the Namespace last.
  const manifests: Manifest[] = [
    inside('v1', 'Service', {
      spec: { selector: { app: 'api' }, ports: [{ port: 80 }] },
    }),
    inside('v1', 'ConfigMap', { data: { a: '1' } }),
    inside('v1', 'ServiceAccount'),
    inside('networking.k8s.io/v1', 'NetworkPolicy', {
      spec: { podSelector: {}, policyTypes: ['Ingress'] },
    }),
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: namespace, labels },
    },
  ];

  afterAll(async () => {
    const core = testCluster().kubeConfig().makeApiClient(CoreV1Api);
    await core.deleteNamespace({ name: namespace }).catch(() => undefined);
  });

  it('applies in the table order whatever order it is given, and prunes in reverse', async () => {
    const applier = new ServerSideApplier(testCluster().kubeConfig());
    const applied = await applySet({ applier, manifests, previous: [] });
    const inOrder = [
      `Namespace ${namespace}`,
      `NetworkPolicy ${namespace}/api`,
      `ServiceAccount ${namespace}/api`,
      `ConfigMap ${namespace}/api`,
      `Service ${namespace}/api`,
    ];
    expect(applied.changes).toEqual(
      inOrder.map(ref => ({ ref, action: 'created' })),
    );

    const pruned = await applySet({
      applier,
      manifests: [],
      previous: applied.inventory,
      undeploy: true,
    });
    expect(pruned.changes).toEqual(
      [...inOrder].reverse().map(ref => ({ ref, action: 'deleted' })),
    );
  });
});
