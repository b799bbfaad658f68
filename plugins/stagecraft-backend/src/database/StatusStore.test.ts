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
});
