import { KubernetesObject } from '@kubernetes/client-node';
import {
  describeWithCluster,
  testCluster,
  useTestNamespace,
} from '@stagecraft/test-cluster';
import { ObjectClient } from './ObjectClient';
import { RateLimiter } from './RateLimiter';
import { RequestCounter } from './RequestCounter';

/** A limiter that remembers how often it was asked. */
class CountingLimiter extends RateLimiter {
  acquired = 0;
  acquire() {
    this.acquired += 1;
    return super.acquire();
  }
}

describeWithCluster('ObjectClient on the local cluster', () => {
  const namespace = useTestNamespace('object-client');
  const apply = { fieldManager: 'stagecraft-test', force: true };
  const networkPolicy = () => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'from-a', namespace: namespace() },
    spec: {
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'a' } } }] }],
    },
  });

  it('applies and reads fields that client-node models rename, as JSON', async () => {
    const client = new ObjectClient(testCluster().kubeConfig());
    const limitRange = {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'defaults', namespace: namespace() },
      spec: {
        limits: [{ type: 'Container', default: { memory: '64Mi' } }],
      },
    };
    await client.serverSideApply(networkPolicy(), apply);
    await client.serverSideApply(limitRange, apply);

    const policy = (await client.read(networkPolicy())) as KubernetesObject & {
      spec: unknown;
    };
    expect(policy.spec).toMatchObject({
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'a' } } }] }],
    });
    const limits = (await client.read(limitRange)) as KubernetesObject & {
      spec: unknown;
    };
    expect(limits.spec).toMatchObject({
      limits: [{ type: 'Container', default: { memory: '64Mi' } }],
    });
  });

  it('leaves a dry run unstored', async () => {
    const client = new ObjectClient(testCluster().kubeConfig());
    await client.serverSideApply(networkPolicy(), { ...apply, dryRun: true });
    await expect(client.read(networkPolicy())).rejects.toMatchObject({
      code: 404,
    });
  });

  it('has a field the schema does not declare refused, by a dry run and by an apply', async () => {
    const client = new ObjectClient(testCluster().kubeConfig());
    const withTypo = {
      ...networkPolicy(),
      spec: { ...networkPolicy().spec, ingres: [] },
    };
    for (const dryRun of [true, false]) {
      await expect(
        client.serverSideApply(withTypo, { ...apply, dryRun }),
      ).rejects.toMatchObject({
        code: 500,
        body: expect.stringMatching(
          /spec\.ingres: field not declared in schema/,
        ),
      });
    }
    await expect(client.read(networkPolicy())).rejects.toMatchObject({
      code: 404,
    });
  });

  it('sends every request, discovery included, through the limiter and the counter', async () => {
    const counter = new RequestCounter();
    const limiter = new CountingLimiter({ qps: 100, burst: 100 });
    const client = new ObjectClient(testCluster().kubeConfig(), {
      limiter,
      counter,
    });
    await client.serverSideApply(networkPolicy(), { ...apply, dryRun: true });
    await client.serverSideApply(networkPolicy(), apply);
    await client.read(networkPolicy());
    await client.delete(networkPolicy());

    // The first request looks up the kind once: one more GET.
    expect(counter.counts()).toEqual({
      get: 2,
      'patch-dry-run': 1,
      patch: 1,
      delete: 1,
    });
    expect(limiter.acquired).toBe(5);
  });
});
