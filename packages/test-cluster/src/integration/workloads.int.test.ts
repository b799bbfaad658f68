import { AppsV1Api, CoreV1Api, Log, V1Pod } from '@kubernetes/client-node';
import { PassThrough } from 'node:stream';
import { waitFor } from '../control-plane/waitFor';
import { describeWithCluster, testCluster, useTestNamespace } from '../jest';

describeWithCluster('workloads on the local cluster (full mode)', () => {
  const namespace = useTestNamespace('workloads');

  const deployment = (name: string, replicas: number) => ({
    metadata: { name, labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [{ name: 'app', image: 'registry.example/hello:1.0' }],
        },
      },
    },
  });

  async function runningPods(name: string): Promise<V1Pod[]> {
    const core = testCluster().kubeConfig().makeApiClient(CoreV1Api);
    const pods = await core.listNamespacedPod({
      namespace: namespace(),
      labelSelector: `app=${name}`,
    });
    return pods.items.filter(p => p.status?.phase === 'Running');
  }

  it('brings a Deployment to its ready replicas with Running pods on fake nodes', async () => {
    const apps = testCluster().kubeConfig().makeApiClient(AppsV1Api);
    await apps.createNamespacedDeployment({
      namespace: namespace(),
      body: deployment('hello', 3),
    });

    const ready = await waitFor(
      'three ready replicas',
      async () => {
        const d = await apps.readNamespacedDeployment({
          name: 'hello',
          namespace: namespace(),
        });
        return d.status?.readyReplicas === 3 && d;
      },
      { timeoutMs: 60_000 },
    );
    expect(ready.status?.availableReplicas).toBe(3);

    const pods = await runningPods('hello');
    expect(pods).toHaveLength(3);
    for (const pod of pods) {
      expect(pod.spec?.nodeName).toMatch(/^kwok-node-\d$/);
      expect(pod.status?.containerStatuses?.[0]?.ready).toBe(true);
    }
  });

  it('serves pod logs through the API, including lines written while following', async () => {
    const apps = testCluster().kubeConfig().makeApiClient(AppsV1Api);
    await apps.createNamespacedDeployment({
      namespace: namespace(),
      body: deployment('logger', 1),
    });
    const [pod] = await waitFor(
      'a running pod',
      async () => {
        const pods = await runningPods('logger');
        return pods.length === 1 && pods;
      },
      { timeoutMs: 60_000 },
    );

    const core = testCluster().kubeConfig().makeApiClient(CoreV1Api);
    const snapshot = await core.readNamespacedPodLog({
      name: pod.metadata!.name!,
      namespace: namespace(),
      container: 'app',
    });
    expect(snapshot).toContain('pod log stream started');

    const marker = `line written at ${Date.now()}`;
    const stream = new PassThrough();
    let received = '';
    stream.on('data', chunk => (received += chunk.toString()));
    const follow = await new Log(testCluster().kubeConfig()).log(
      namespace(),
      pod.metadata!.name!,
      'app',
      stream,
      {
        follow: true,
        tailLines: 1,
      },
    );
    try {
      await testCluster().appendPodLog([marker]);
      await waitFor('the new log line', async () => received.includes(marker), {
        timeoutMs: 10_000,
      });
    } finally {
      follow.abort();
    }
  });
});
