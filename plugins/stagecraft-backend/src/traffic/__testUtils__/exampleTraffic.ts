import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
// The example organisation's loader is a test fixture of the node package, not its API.
// eslint-disable-next-line @backstage/no-forbidden-package-imports
import { loadExampleCatalog } from '@stagecraft/plugin-stagecraft-node/src/compiler/__fixtures__/exampleCatalog';
import { CatalogSnapshot } from '../../catalog/CatalogSnapshot';
import { createControlPlaneHarness } from '../../__testUtils__/controlPlaneHarness';
import { RecordingDataPlane } from '../../__testUtils__/RecordingDataPlane';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { TrafficService } from '../TrafficService';

export { loadExampleCatalog };

/** Callers: jane reads everything; bob may not read the components listed in `hiddenFromBob`. */
export const trafficCallers = {
  jane: { credentials: mockCredentials.user('user:default/jane') },
  bob: { credentials: mockCredentials.user('user:default/bob') },
};

/** Read permission decided per resource: bob is denied the listed components. */
export function permissionsHiding(hiddenFromBob: string[]) {
  return mockServices.permissions.mock({
    authorize: (async (
      requests: { resourceRef?: string }[],
      options: { credentials: { principal: { userEntityRef?: string } } },
    ) =>
      requests.map(r => ({
        result:
          options.credentials.principal.userEntityRef === 'user:default/bob' &&
          hiddenFromBob.includes(r.resourceRef ?? '')
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      }))) as any,
  });
}

/** `entities` with one component's spec.dependsOn replaced. */
export function withDependsOn(
  entities: Entity[],
  component: string,
  dependsOn: string[],
): Entity[] {
  return entities.map(e =>
    e.kind === 'Component' && e.metadata.name === component
      ? { ...e, spec: { ...e.spec, dependsOn } }
      : e,
  );
}

/**
 * The example organisation (catalog-info/) on a SQLite store, every component released and
 * deployed to dev by the catalog trigger, with the traffic service over it. `databases` comes
 * from `createTestDatabases()` called while the test file is collected (it registers hooks).
 */
export async function exampleTraffic(
  databases: ReturnType<typeof createTestDatabases>,
  o: { entities?: Entity[]; hiddenFromBob?: string[] } = {},
) {
  const entities = o.entities ?? loadExampleCatalog();
  const harness = createControlPlaneHarness({
    knex: await databases.migrated('SQLITE_3'),
    entities,
    dataPlanes: new Map([['local', new RecordingDataPlane()]]),
    permissions: permissionsHiding(o.hiddenFromBob ?? []),
  });
  await harness.triggerCatalog();
  let catalog = entities;
  const traffic = new TrafficService({
    store: harness.store,
    catalog: async () => new CatalogSnapshot(catalog),
    permissions: permissionsHiding(o.hiddenFromBob ?? []),
  });
  return {
    ...harness,
    traffic,
    /** Changes the catalog the traffic service reads (not the trigger's). */
    setCatalog(next: Entity[]) {
      catalog = next;
      harness.setEntities(next);
    },
  };
}
