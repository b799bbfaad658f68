import type { InventoryEntry } from '../inventory/inventory';
import type { WorkloadObservation } from '../rollout/WorkloadRollout';
import { WorkloadObservationCache } from './WorkloadObservationCache';

const deployment: InventoryEntry = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  namespace: 'shop-dev',
  name: 'api',
};
const autoscaler: InventoryEntry = {
  ...deployment,
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
};
const service: InventoryEntry = {
  ...deployment,
  apiVersion: 'v1',
  kind: 'Service',
};

const observation = (
  state: WorkloadObservation['state'],
): WorkloadObservation => ({
  state,
  message: `api is ${state}`,
  workloads: [],
});

/** A cache over versions the test sets, and a live read that counts its calls. */
function setUp(first: WorkloadObservation['state'] = 'synced') {
  const versions = new Map<string, string | undefined>([
    ['Deployment', '10'],
    ['HorizontalPodAutoscaler', '3'],
    ['Service', '7'],
  ]);
  const cache = new WorkloadObservationCache({
    versionOf: e => versions.get(e.kind),
  });
  let reads = 0;
  let answer = observation(first);
  const observe = () =>
    cache.observe([service, deployment, autoscaler], async () => {
      reads += 1;
      return answer;
    });
  return {
    versions,
    observe,
    reads: () => reads,
    answer: (next: WorkloadObservation) => {
      answer = next;
    },
  };
}

describe('WorkloadObservationCache', () => {
  it('serves a synced observation again while the judged objects keep their versions', async () => {
    const s = setUp();
    await s.observe();
    await expect(s.observe()).resolves.toEqual(observation('synced'));
    expect(s.reads()).toBe(1);
    // A Service's version is not judged: its change costs no read.
    s.versions.set('Service', '8');
    await s.observe();
    expect(s.reads()).toBe(1);
  });

  it('reads live once a judged object changed, and again after that only if it changes', async () => {
    const s = setUp();
    await s.observe();
    s.versions.set('HorizontalPodAutoscaler', '4');
    s.answer(observation('progressing'));
    await expect(s.observe()).resolves.toEqual(observation('progressing'));
    expect(s.reads()).toBe(2);
    // Still in progress at the same versions (an image that never pulls): the same verdict.
    await s.observe();
    expect(s.reads()).toBe(2);
  });

  it('reads live while the verdict counted pods being deleted: they go unwatched', async () => {
    const s = setUp();
    s.answer({
      ...observation('progressing'),
      replicas: {
        desired: 2,
        ready: 2,
        updated: 2,
        available: 2,
        old: 0,
        terminating: 1,
      },
    });
    await s.observe();
    await s.observe();
    expect(s.reads()).toBe(2);
  });

  it('forgets an observation when the next read says otherwise', async () => {
    const s = setUp();
    await s.observe();
    s.versions.set('Deployment', '11');
    s.answer(observation('degraded'));
    await s.observe();
    s.versions.set('Deployment', '10'); // even were the old version seen again
    await expect(s.observe()).resolves.toEqual(observation('degraded'));
    expect(s.reads()).toBe(3);
  });

  it('reads live while the watches do not know a judged object', async () => {
    const s = setUp();
    s.versions.set('Deployment', undefined);
    await s.observe();
    await s.observe();
    expect(s.reads()).toBe(2);
  });

  it('always reads a deployment with a CronJob live: a Job run by hand moves no version it sees', async () => {
    const cache = new WorkloadObservationCache({ versionOf: () => '1' });
    const read = jest.fn(async () => observation('synced'));
    const cronJob = { ...deployment, apiVersion: 'batch/v1', kind: 'CronJob' };
    await cache.observe([cronJob], read);
    await cache.observe([cronJob], read);
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('holds at most its bound of deployments, dropping the oldest', async () => {
    const cache = new WorkloadObservationCache({ versionOf: () => '1' }, 2);
    let reads = 0;
    const observe = (name: string) =>
      cache.observe([{ ...deployment, name }], async () => {
        reads += 1;
        return observation('synced');
      });
    for (const name of ['a', 'b', 'c', 'b', 'a']) await observe(name);
    // a, b, c read; b remembered; a was dropped for c, so read again.
    expect(reads).toBe(4);
  });
});
