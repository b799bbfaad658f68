import { withEnvironment } from '../__testUtils__/serviceSetup';
import { testCatalog } from '../__testUtils__/entities';
import { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import type { Deployment } from '../database/DeploymentStore';
import type { StoredStatus } from '../database/StatusStore';
import type { DeploymentKey } from '../deployment/DeploymentKey';
import { requeueAfterOutage } from './requeueAfterOutage';

// dev and staging on `local`, production on `production`.
const catalog = new CatalogSnapshot(
  withEnvironment(testCatalog('shop'), 'production', { target: 'production' }),
);

const deployment = (
  component: string,
  environment: string,
  generation = 2,
): Deployment => ({
  componentRef: `component:default/${component}`,
  environment,
  releaseId: 'r1',
  overrides: {},
  desiredState: 'deployed',
  generation,
  updatedBy: 'user:default/ann',
  updatedAt: new Date(0),
});

const stored = (
  d: Deployment,
  state: StoredStatus['state'],
  observedGeneration = d.generation,
): StoredStatus => ({
  componentRef: d.componentRef,
  environment: d.environment,
  state,
  reason: '',
  observedGeneration,
  urls: [],
  pendingConnections: [],
  updatedAt: new Date(0),
});

describe('requeueAfterOutage', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('queues the deployments on the returning target that have not converged, once per burst', async () => {
    const failedInProduction = deployment('api', 'production');
    const syncedInProduction = deployment('worker', 'production');
    const newerThanApplied = deployment('web', 'production', 3);
    const neverReconciled = deployment('cron', 'production');
    const failedInDev = deployment('api', 'dev');
    const statuses = new Map<string, StoredStatus>([
      ['api@production', stored(failedInProduction, 'failed')],
      ['worker@production', stored(syncedInProduction, 'synced')],
      ['web@production', stored(newerThanApplied, 'synced', 2)],
      ['api@dev', stored(failedInDev, 'failed')],
    ]);
    const queued: DeploymentKey[] = [];
    const listed: number[] = [];
    const reconnected = requeueAfterOutage({
      target: 'production',
      catalog: async () => catalog,
      store: {
        listDeployments: async () => {
          listed.push(Date.now());
          return [
            failedInProduction,
            syncedInProduction,
            newerThanApplied,
            neverReconciled,
            failedInDev,
          ];
        },
      },
      status: {
        get: async (ref, environment) =>
          statuses.get(`${ref.split('/')[1]}@${environment}`),
      },
      enqueue: key => queued.push(key),
      logger: { info: () => {}, warn: () => {} },
    });

    // Every watched kind reports its reconnect: one pass.
    for (let i = 0; i < 12; i++) reconnected();
    await jest.advanceTimersByTimeAsync(1000);
    expect(listed).toHaveLength(1);
    expect(queued).toEqual([
      { componentRef: 'component:default/api', environment: 'production' },
      { componentRef: 'component:default/web', environment: 'production' },
      { componentRef: 'component:default/cron', environment: 'production' },
    ]);

    // The next outage's return is a pass of its own.
    reconnected();
    await jest.advanceTimersByTimeAsync(1000);
    expect(listed).toHaveLength(2);
  });

  it('logs instead of throwing when the store cannot be read', async () => {
    const warnings: string[] = [];
    const reconnected = requeueAfterOutage({
      target: 'production',
      catalog: async () => catalog,
      store: {
        listDeployments: async () => {
          throw new Error('database gone');
        },
      },
      status: { get: async () => undefined },
      enqueue: () => {},
      logger: { info: () => {}, warn: m => warnings.push(m) },
    });
    reconnected();
    await jest.advanceTimersByTimeAsync(1000);
    expect(warnings).toEqual([
      expect.stringContaining('target production after its outage'),
    ]);
  });
});
