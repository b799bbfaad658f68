import type { KubernetesObject } from '@kubernetes/client-node';
import type { ObjectClient } from '../kube/ObjectClient';
import { observeWorkloads } from './observeWorkloads';

// What observeWorkloads reads for the rollout functions: the pods a Deployment selects (for
// those terminating), the autoscaler that targets it, the newest Job of a CronJob, and a
// workload that is gone. The rules themselves are tested in rollout/.

const ns = 'shop-dev';
const rolledOut = {
  observedGeneration: 1,
  replicas: 2,
  updatedReplicas: 2,
  readyReplicas: 2,
  availableReplicas: 2,
};

/** A client over fixed objects; lists filter by namespace and an `a=b,c=d` label selector. */
/** Objects as plain JSON, the way the API server sends them (times as strings). */
function client(json: object[]): ObjectClient & { lists: string[] } {
  const objects = json as KubernetesObject[];
  const lists: string[] = [];
  return {
    lists,
    async read(spec: KubernetesObject) {
      const found = objects.find(
        o =>
          o.kind === spec.kind &&
          o.metadata?.name === spec.metadata?.name &&
          o.metadata?.namespace === spec.metadata?.namespace,
      );
      if (!found) throw Object.assign(new Error('not found'), { code: 404 });
      return found;
    },
    async list(
      _apiVersion: string,
      kind: string,
      namespace?: string,
      ..._rest: unknown[]
    ) {
      const labelSelector = _rest[4] as string | undefined;
      lists.push(`${kind} ${namespace} ${labelSelector ?? ''}`.trim());
      const wanted = (labelSelector ?? '')
        .split(',')
        .filter(Boolean)
        .map(pair => pair.split('='));
      return {
        items: objects.filter(
          o =>
            o.kind === kind &&
            o.metadata?.namespace === namespace &&
            wanted.every(([k, v]) => o.metadata?.labels?.[k] === v),
        ),
      };
    },
  } as unknown as ObjectClient & { lists: string[] };
}

const deployment = (name: string, replicas: number) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: ns, generation: 1 },
  spec: { replicas, selector: { matchLabels: { app: name } } },
  status: {
    ...rolledOut,
    replicas,
    updatedReplicas: replicas,
    readyReplicas: replicas,
    availableReplicas: replicas,
  },
});
const pod = (app: string, name: string, terminating = false) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name,
    namespace: ns,
    labels: { app },
    ...(terminating ? { deletionTimestamp: '2026-11-30T12:00:00Z' } : {}),
  },
});
const entry = (kind: string, name: string, apiVersion = 'apps/v1') => ({
  apiVersion,
  kind,
  namespace: ns,
  name,
});

describe('observeWorkloads', () => {
  it('counts only the terminating pods the Deployment selects', async () => {
    const c = client([
      deployment('api', 2),
      pod('api', 'api-new-1'),
      pod('api', 'api-new-2'),
      pod('api', 'api-old-1', true),
      pod('worker', 'worker-old-1', true),
    ]);
    const seen = await observeWorkloads(c, [entry('Deployment', 'api')]);
    expect(c.lists).toEqual([`Pod ${ns} app=api`]);
    expect(seen).toMatchObject({
      state: 'progressing',
      message: 'Deployment/api: 1 pod(s) still terminating',
      replicas: { desired: 2, terminating: 1 },
    });
  });

  it('gives a Deployment the autoscaler of the inventory that targets it', async () => {
    const c = client([
      deployment('api', 4),
      {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: 'api', namespace: ns },
        spec: {
          minReplicas: 2,
          maxReplicas: 6,
          scaleTargetRef: { kind: 'Deployment', name: 'api' },
        },
        status: { desiredReplicas: 4 },
      },
    ]);
    const seen = await observeWorkloads(c, [
      entry('HorizontalPodAutoscaler', 'api', 'autoscaling/v2'),
      entry('Deployment', 'api'),
    ]);
    expect(seen?.message).toBe(
      'Deployment/api: rolled out: 4 of 4 replicas updated and available (replicas set by HorizontalPodAutoscaler/api, 2–6)',
    );
  });

  it("judges a CronJob by its own newest Job, not another's", async () => {
    const job = (
      name: string,
      owner: string,
      created: string,
      type: string,
    ) => ({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name,
        namespace: ns,
        creationTimestamp: created,
        ownerReferences: [{ uid: owner }],
      },
      status: { conditions: [{ type, status: 'True', reason: 'X' }] },
    });
    const c = client([
      {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { name: 'report', namespace: ns, uid: 'u-report' },
        spec: { schedule: '0 * * * *' },
        status: { lastScheduleTime: '2026-11-30T12:00:00Z' },
      },
      job('report-1', 'u-report', '2026-11-30T11:00:00Z', 'Complete'),
      job('report-2', 'u-report', '2026-11-30T12:00:00Z', 'Failed'),
      job('other-3', 'u-other', '2026-11-30T12:30:00Z', 'Complete'),
    ]);
    const seen = await observeWorkloads(c, [
      entry('CronJob', 'report', 'batch/v1'),
    ]);
    expect(seen).toMatchObject({
      state: 'degraded',
      message:
        'CronJob/report: scheduled "0 * * * *", last run Job/report-2 failed: X',
    });
    expect(seen?.replicas).toBeUndefined();
  });

  it('reports a workload that is gone as degraded, and nothing for an inventory without workloads', async () => {
    const c = client([]);
    expect(
      await observeWorkloads(c, [entry('Deployment', 'api')]),
    ).toMatchObject({
      state: 'degraded',
      message: `Deployment/api: missing from namespace ${ns} (deleted outside Stagecraft?)`,
    });
    expect(
      await observeWorkloads(c, [entry('ConfigMap', 'api-env', 'v1')]),
    ).toBeUndefined();
  });
});
