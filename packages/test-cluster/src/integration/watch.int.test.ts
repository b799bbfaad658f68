import { CoreV1Api, Watch } from '@kubernetes/client-node';
import { waitFor } from '../control-plane/waitFor';
import { describeWithCluster, testCluster, useTestNamespace } from '../jest';

describeWithCluster('watches on the local cluster', () => {
  const namespace = useTestNamespace('watch');

  it('delivers added, modified and deleted events for a label selector', async () => {
    const events: string[] = [];
    const watch = new Watch(testCluster().kubeConfig());
    const controller = await watch.watch(
      `/api/v1/namespaces/${namespace()}/configmaps`,
      { labelSelector: 'app.kubernetes.io/managed-by=stagecraft' },
      (phase, object) =>
        events.push(
          `${phase} ${object.metadata.name} ${object.data?.value ?? ''}`.trim(),
        ),
      () => undefined,
    );
    try {
      const core = testCluster().kubeConfig().makeApiClient(CoreV1Api);
      const labels = { 'app.kubernetes.io/managed-by': 'stagecraft' };
      await core.createNamespacedConfigMap({
        namespace: namespace(),
        body: { metadata: { name: 'watched', labels }, data: { value: '1' } },
      });
      // Not matching the selector: must never be delivered.
      await core.createNamespacedConfigMap({
        namespace: namespace(),
        body: { metadata: { name: 'unlabelled' }, data: { value: 'x' } },
      });
      const current = await core.readNamespacedConfigMap({
        name: 'watched',
        namespace: namespace(),
      });
      await core.replaceNamespacedConfigMap({
        name: 'watched',
        namespace: namespace(),
        body: { ...current, data: { value: '2' } },
      });
      await core.deleteNamespacedConfigMap({
        name: 'watched',
        namespace: namespace(),
      });

      await waitFor('three events', async () => events.length >= 3, {
        timeoutMs: 10_000,
      });
      expect(events).toEqual([
        'ADDED watched 1',
        'MODIFIED watched 2',
        'DELETED watched 2',
      ]);
    } finally {
      controller.abort();
    }
  });
});
