import { ChangeAction } from '../apply/ChangeSet';
import { DeploymentStore } from '../database/DeploymentStore';
import { DriftRecord } from '../database/driftRecords';
import { describeDriftValue, recordDrift } from './recordDrift';

describe('describeDriftValue', () => {
  it('records scalars as JSON', () => {
    expect(describeDriftValue('spec.replicas', 5)).toBe('5');
    expect(
      describeDriftValue('spec.template.spec.containers[0].image', 'x:2'),
    ).toBe('"x:2"');
  });

  it('never records values under env or data, which hand edits may fill with secrets', () => {
    const path = 'spec.template.spec.containers[0].env';
    expect(describeDriftValue(path, [{ name: 'TOKEN', value: 's3cr3t' }])).toBe(
      '(not recorded)',
    );
    expect(describeDriftValue(`${path}[1].value`, 's3cr3t')).toBe(
      '(not recorded)',
    );
    expect(describeDriftValue('data.password', 'hunter2')).toBe(
      '(not recorded)',
    );
  });

  it('describes lists and objects by size only', () => {
    expect(describeDriftValue('spec.template.spec.containers', [{}, {}])).toBe(
      '(list of 2)',
    );
    expect(describeDriftValue('spec.selector', { a: 1 })).toBe(
      '(object with 1 fields)',
    );
    expect(describeDriftValue('spec.replicas', undefined)).toBeUndefined();
  });
});

describe('recordDrift', () => {
  const key = { componentRef: 'component:default/api', environment: 'dev' };
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    namespace: 'shop-dev',
    name: 'api',
  };
  const service = { ...deployment, apiVersion: 'v1', kind: 'Service' };
  const changes = [
    { ref: 'Deployment shop-dev/api', action: ChangeAction.Created },
    {
      ref: 'Service shop-dev/api',
      action: ChangeAction.Configured,
      fields: [{ path: 'spec.type', desired: 'ClusterIP', live: 'NodePort' }],
    },
  ];
  const recordingStore = () => {
    const recordDriftCalls = jest.fn(async (_records: DriftRecord[]) => {});
    return {
      store: { recordDrift: recordDriftCalls } as unknown as DeploymentStore,
      calls: recordDriftCalls,
      recorded: () =>
        recordDriftCalls.mock.calls.flatMap(([records]) => records),
    };
  };

  it('records what changed on objects the deployment held before the apply', async () => {
    const { store, calls, recorded } = recordingStore();

    await expect(
      recordDrift(store, key, changes, [deployment, service]),
    ).resolves.toBe(2);
    // One call for the reconcile: one statement for its records.
    expect(calls).toHaveBeenCalledTimes(1);
    expect(recorded()).toEqual([
      expect.objectContaining({
        objectRef: 'Deployment shop-dev/api',
        field: '(object)',
        newValue: 'deleted',
      }),
      expect.objectContaining({
        objectRef: 'Service shop-dev/api',
        field: 'spec.type',
      }),
    ]);
  });

  it('records nothing for objects the deployment did not hold: after an undeploy, everything is new', async () => {
    const { store, calls, recorded } = recordingStore();

    await expect(recordDrift(store, key, changes, [])).resolves.toBe(0);
    expect(calls).not.toHaveBeenCalled();
    await expect(recordDrift(store, key, changes, [service])).resolves.toBe(1);
    expect(recorded()).toEqual([
      expect.objectContaining({ objectRef: 'Service shop-dev/api' }),
    ]);
  });
});
