import { StatusStore } from './StatusStore';
import { createTestDatabases } from '../__testUtils__/testDatabases';

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())('StatusStore on %p', id => {
  const key = {
    componentRef: 'component:default/checkout',
    environment: 'dev',
  };
  const pending = {
    consumerRef: 'component:default/checkout',
    endpointRef: 'endpoint:default/payments-http',
    providerRef: 'component:default/payments',
    environment: 'dev',
    message:
      'component:default/checkout → endpoint:default/payments-http: component:default/payments is not deployed in dev yet; the connection opens when it is',
  };

  it('keeps pending connections as structured data', async () => {
    const status = new StatusStore(await databases.migrated(id));
    await status.save({
      ...key,
      state: 'synced',
      reason: 'applied',
      pendingConnections: [pending],
    });
    await expect(
      status.get(key.componentRef, key.environment),
    ).resolves.toMatchObject({ pendingConnections: [pending] });
  });

  it('leaves out pending connections stored as sentences, before they were structured', async () => {
    const knex = await databases.migrated(id);
    const status = new StatusStore(knex);
    await status.save({ ...key, state: 'synced', reason: 'applied' });
    await knex('deployment_status')
      .where({ component_ref: key.componentRef })
      .update({
        pending_connections: JSON.stringify([pending.message, pending]),
      });
    await expect(
      status.get(key.componentRef, key.environment),
    ).resolves.toMatchObject({ pendingConnections: [pending] });
  });

  it('keeps the last change and its time through saves that carry none', async () => {
    const status = new StatusStore(await databases.migrated(id));
    await status.save({
      ...key,
      state: 'synced',
      reason: 'applied release r1: 1 configured',
      lastChange: 'applied release r1: 1 configured',
      synced: true,
    });
    const changed = await status.get(key.componentRef, key.environment);
    expect(changed?.lastChangeAt).toBeInstanceOf(Date);
    await status.save({
      ...key,
      state: 'failed',
      reason: 'connection refused',
    });
    await status.save({
      ...key,
      state: 'synced',
      reason: 'applied release r1: 1 configured',
      synced: true,
    });
    await expect(
      status.get(key.componentRef, key.environment),
    ).resolves.toMatchObject({
      lastChange: 'applied release r1: 1 configured',
      lastChangeAt: changed?.lastChangeAt,
    });
  });

  it('keeps the first observation of each release ready, per environment, for every replica', async () => {
    const knex = await databases.migrated(id);
    const status = new StatusStore(knex);
    const ready = (releaseId: string, evidence: string, environment = 'dev') =>
      status.recordReady({ ...key, environment, releaseId, evidence });
    await ready('r1', 'Deployment/checkout: rolled out: 1 of 1');
    // A second replica (another store on the same database) observes r1 again later.
    await new StatusStore(knex).recordReady({
      ...key,
      releaseId: 'r1',
      evidence: 'observed again',
    });
    await ready('r2', 'Deployment/checkout: rolled out: 2 of 2');
    await ready('r9', 'in staging', 'staging');
    const listed = await status.listReady(key.componentRef, 'dev');
    expect(listed.map(r => [r.releaseId, r.evidence])).toEqual(
      expect.arrayContaining([
        ['r1', 'Deployment/checkout: rolled out: 1 of 1'],
        ['r2', 'Deployment/checkout: rolled out: 2 of 2'],
      ]),
    );
    expect(listed).toHaveLength(2);
    expect(listed[0].readyAt).toBeInstanceOf(Date);
    await expect(
      status.listReady('component:default/other', 'dev'),
    ).resolves.toEqual([]);
  });
});
