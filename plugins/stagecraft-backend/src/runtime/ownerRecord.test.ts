import { OwnerRecord, ownerChain } from './ownerRecord';

describe('ownerChain', () => {
  const records: OwnerRecord[] = [
    {
      kind: 'ReplicaSet',
      name: 'api-7d9f',
      namespace: 'shop-dev',
      controller: { kind: 'Deployment', name: 'api' },
    },
    {
      kind: 'Job',
      name: 'report-2901',
      namespace: 'shop-dev',
      controller: { kind: 'CronJob', name: 'report' },
    },
  ];
  const lookup = (o: { kind: string; name: string }) =>
    records.find(r => r.kind === o.kind && r.name === o.name);

  it('walks from the pod’s controller to the workload, nearest first', () => {
    expect(
      ownerChain({ kind: 'ReplicaSet', name: 'api-7d9f' }, lookup),
    ).toEqual([
      { kind: 'ReplicaSet', name: 'api-7d9f' },
      { kind: 'Deployment', name: 'api' },
    ]);
    expect(ownerChain({ kind: 'Job', name: 'report-2901' }, lookup)).toEqual([
      { kind: 'Job', name: 'report-2901' },
      { kind: 'CronJob', name: 'report' },
    ]);
  });

  it('keeps the nearest owner when the cache does not know it yet, and nothing for an orphan', () => {
    expect(ownerChain({ kind: 'ReplicaSet', name: 'api-new' }, lookup)).toEqual(
      [{ kind: 'ReplicaSet', name: 'api-new' }],
    );
    expect(ownerChain(undefined, lookup)).toEqual([]);
  });

  it('stops on an ownership cycle in bad data', () => {
    const cyclic = (o: { kind: string; name: string }): OwnerRecord => ({
      ...o,
      namespace: 'x',
      controller: o,
    });
    expect(
      ownerChain({ kind: 'ReplicaSet', name: 'loop' }, cyclic),
    ).toHaveLength(8);
  });
});
