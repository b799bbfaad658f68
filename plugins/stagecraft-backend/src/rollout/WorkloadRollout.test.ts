import { combineRollouts, WorkloadRollout } from './WorkloadRollout';

const replicas = (n: number) => ({
  desired: n,
  updated: n,
  ready: n,
  available: n,
  old: 0,
  terminating: 0,
});

describe('combineRollouts', () => {
  it('reports nothing for a deployment without workloads', () => {
    expect(combineRollouts([])).toBeUndefined();
  });

  it('reports the worst state with the messages of the workloads in it, and sums replicas', () => {
    const workloads: WorkloadRollout[] = [
      {
        workload: 'Deployment/a',
        state: 'synced',
        message: 'rolled out',
        replicas: replicas(2),
      },
      {
        workload: 'Deployment/b',
        state: 'progressing',
        message: '1 of 3 new replicas updated',
        replicas: replicas(3),
      },
      { workload: 'CronJob/c', state: 'synced', message: 'scheduled' },
    ];
    expect(combineRollouts(workloads)).toEqual({
      state: 'progressing',
      message: 'Deployment/b: 1 of 3 new replicas updated',
      replicas: { ...replicas(5) },
      workloads,
    });
  });

  it('lets a failure outweigh everything and reports no replicas for cron jobs alone', () => {
    const result = combineRollouts([
      { workload: 'CronJob/c', state: 'degraded', message: 'last run failed' },
      { workload: 'CronJob/d', state: 'failed', message: 'x' },
    ]);
    expect(result).toMatchObject({ state: 'failed', message: 'CronJob/d: x' });
    expect(result?.replicas).toBeUndefined();
  });
});
