import { ConflictError, NotFoundError } from '@backstage/errors';
import { ApprovalStore } from './ApprovalStore';
import { DeploymentStore } from './DeploymentStore';
import { LeaseStore } from './LeaseStore';
import { StatusStore } from './StatusStore';
import { createTestDatabases } from '../__testUtils__/testDatabases';

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())('coordination stores on %p', id => {
  it('grants a lease to one holder until it expires or is released', async () => {
    const knex = await databases.migrated(id);
    let now = 1_000_000;
    const leases = new LeaseStore(knex, () => now);

    await expect(leases.tryAcquire('k', 'a', 30_000)).resolves.toBe(true);
    await expect(leases.tryAcquire('k', 'b', 30_000)).resolves.toBe(false);
    // Renewal by the holder succeeds; another key is independent.
    await expect(leases.tryAcquire('k', 'a', 30_000)).resolves.toBe(true);
    await expect(leases.tryAcquire('other', 'b', 30_000)).resolves.toBe(true);

    // A renewal moves the expiry: past the first term, the lease still holds.
    now += 20_000;
    await expect(leases.tryAcquire('k', 'a', 30_000)).resolves.toBe(true);
    now += 20_000;
    await expect(leases.tryAcquire('k', 'b', 30_000)).resolves.toBe(false);

    now += 10_001;
    await expect(leases.tryAcquire('k', 'b', 30_000)).resolves.toBe(true);
    await expect(leases.tryAcquire('k', 'a', 30_000)).resolves.toBe(false);

    // Releasing someone else's lease does nothing; releasing one's own frees it.
    await leases.release('k', 'a');
    await expect(leases.tryAcquire('k', 'a', 30_000)).resolves.toBe(false);
    await leases.release('k', 'b');
    await expect(leases.tryAcquire('k', 'a', 30_000)).resolves.toBe(true);
  });

  it('lets exactly one of many concurrent claimants win', async () => {
    const knex = await databases.migrated(id);
    const leases = new LeaseStore(knex);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        leases.tryAcquire('contended', `holder-${i}`, 30_000),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('keeps the last good release when a later reconcile fails', async () => {
    const knex = await databases.migrated(id);
    const status = new StatusStore(knex);
    const key = { componentRef: 'component:default/api', environment: 'dev' };
    await status.save({
      ...key,
      state: 'synced',
      reason: 'applied 5 objects',
      observedGeneration: 1,
      lastAppliedReleaseId: 'r1',
      urls: ['https://api.dev.example'],
      pendingConnections: [],
      synced: true,
    });
    await status.save({
      ...key,
      state: 'failed',
      reason: 'invalid intent',
      observedGeneration: 2,
    });
    const stored = await status.get(key.componentRef, key.environment);
    expect(stored).toMatchObject({
      state: 'failed',
      reason: 'invalid intent',
      observedGeneration: 2,
      lastAppliedReleaseId: 'r1',
      urls: ['https://api.dev.example'],
    });
    expect(stored?.syncedAt).toBeInstanceOf(Date);
    await expect(status.list(key.componentRef)).resolves.toHaveLength(1);
  });

  it('records an approval with its deployment, once', async () => {
    const knex = await databases.migrated(id);
    const approvals = new ApprovalStore(knex);
    const deployments = new DeploymentStore(knex);
    const release = await deployments.createRelease({
      componentRef: 'component:default/api',
      snapshot: { image: 'x:1' },
      createdBy: 'user:default/ann',
    });
    const request = {
      componentRef: 'component:default/api',
      environment: 'production',
      fromEnvironment: 'staging',
      releaseId: release.id,
      requestedBy: 'user:default/ann',
    };
    const { request: first, created } = await approvals.request(request);
    const again = await approvals.request(request);
    expect(created).toBe(true);
    expect(again).toEqual({ request: first, created: false });
    expect(first.state).toBe('pending');

    const approved = await approvals.decide(
      { id: first.id, state: 'approved', actor: 'user:default/bob' },
      async (tx, approval) => {
        await deployments.setDeployment(
          {
            componentRef: approval.componentRef,
            environment: approval.environment,
            releaseId: approval.releaseId,
            desiredState: 'deployed',
            action: 'promote',
            actor: 'user:default/bob',
          },
          tx,
        );
      },
    );
    expect(approved).toMatchObject({
      state: 'approved',
      decidedBy: 'user:default/bob',
    });
    await expect(
      deployments.getDeployment('component:default/api', 'production'),
    ).resolves.toMatchObject({ releaseId: release.id });

    await expect(
      approvals.decide({
        id: first.id,
        state: 'denied',
        actor: 'user:default/eve',
      }),
    ).rejects.toThrow(ConflictError);
    await expect(
      approvals.decide({ id: 999, state: 'denied', actor: 'user:default/eve' }),
    ).rejects.toThrow(NotFoundError);
  });

  it('rolls the approval back when its deployment fails', async () => {
    const knex = await databases.migrated(id);
    const approvals = new ApprovalStore(knex);
    const { request } = await approvals.request({
      componentRef: 'component:default/api',
      environment: 'production',
      fromEnvironment: 'staging',
      releaseId: 'r1',
      requestedBy: 'user:default/ann',
    });
    await expect(
      approvals.decide(
        { id: request.id, state: 'approved', actor: 'user:default/bob' },
        async () => {
          throw new Error('deploy failed');
        },
      ),
    ).rejects.toThrow('deploy failed');
    await expect(approvals.get(request.id)).resolves.toMatchObject({
      state: 'pending',
    });
  });
});
