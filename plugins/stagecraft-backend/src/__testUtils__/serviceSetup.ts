import type { TestDatabaseId } from '@backstage/backend-test-utils';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createControlPlaneHarness } from './controlPlaneHarness';
import { testCatalog } from './entities';
import { RecordingDataPlane } from './RecordingDataPlane';
import { createTestDatabases } from './testDatabases';

/** Callers of the deployment actions in service tests. */
export const callers = {
  ann: { credentials: mockCredentials.user('user:default/ann') },
  bob: { credentials: mockCredentials.user('user:default/bob') },
  carol: { credentials: mockCredentials.user('user:default/carol') },
  admin: { credentials: mockCredentials.user('user:default/admin') },
};

/**
 * A permission service deciding by user and permission name: `denied` lists, per user entity
 * ref, the permissions that user lacks; everything else is allowed. Break-glass is denied to
 * everyone but `user:default/admin` unless listed otherwise.
 */
export function permissionsDenying(
  denied: Record<string, string[]> = {},
): ReturnType<typeof mockServices.permissions.mock> {
  return mockServices.permissions.mock({
    authorize: (async (
      requests: { permission: { name: string } }[],
      options: { credentials: { principal: { userEntityRef?: string } } },
    ) => {
      const user = options.credentials.principal.userEntityRef ?? '';
      const lacks = denied[user] ?? [];
      return requests.map(r => ({
        result:
          lacks.includes(r.permission.name) ||
          (r.permission.name === 'stagecraft.deployment.break-glass' &&
            user !== 'user:default/admin')
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      }));
    }) as any,
  });
}

/** `testCatalog` with one environment's spec changed (e.g. production not flagged). */
export function withEnvironment(
  entities: Entity[],
  name: string,
  spec: Record<string, unknown>,
): Entity[] {
  return entities.map(e =>
    e.kind === 'Environment' && e.metadata.name === name
      ? ({ ...e, spec: { ...e.spec, ...spec } } as Entity)
      : e,
  );
}

/** An environment outside every pipeline, on the same target. */
export function sandboxEnvironment(): Entity {
  return {
    apiVersion: 'stagecraft.dev/v1alpha1',
    kind: 'Environment',
    metadata: { name: 'sandbox', namespace: 'default' },
    spec: {
      target: 'local',
      production: false,
      gateway: { internalHost: 'sandbox.internal.example' },
      policy: { podSecurity: 'baseline' },
    },
  };
}

/** The deployment actions on a migrated database, a recording data plane and `entities`. */
export async function setUpService(
  databases: ReturnType<typeof createTestDatabases>,
  id: TestDatabaseId,
  o: {
    entities?: Entity[];
    permissions?: ReturnType<typeof mockServices.permissions.mock>;
  } = {},
) {
  const plane = new RecordingDataPlane();
  const harness = createControlPlaneHarness({
    knex: await databases.migrated(id),
    entities: o.entities ?? testCatalog('shop'),
    dataPlanes: new Map([['local', plane]]),
    permissions: o.permissions ?? permissionsDenying(),
  });
  harness.controlPlane.start();
  return { ...harness, plane };
}

type ServiceHarness = Awaited<ReturnType<typeof setUpService>>;

/**
 * The legitimate path to production: the catalog deploys to dev, ann promotes to staging and
 * asks for production, bob approves. Returns the release now in production.
 */
export async function promoteToProduction(
  h: ServiceHarness,
  componentRef: string,
): Promise<string> {
  await h.triggerCatalog();
  await h.actions.promote({ componentRef, from: 'dev' }, callers.ann);
  const requested = await h.actions.promote(
    { componentRef, from: 'staging' },
    callers.ann,
  );
  if (requested.outcome !== 'approval-requested')
    throw new Error('production should have required an approval');
  const approved = await h.actions.approve(
    { approvalId: requested.approval.id },
    callers.bob,
  );
  return approved.releaseId;
}

/**
 * A new image for `component:default/api` in the catalog, released and deployed to dev by the
 * catalog trigger. Returns the new release.
 */
export async function releaseNewApiImage(
  h: ServiceHarness,
  entities: Entity[],
  tag: string,
): Promise<string> {
  h.setEntities(
    entities.map(e =>
      e.kind === 'Component' && e.metadata.name === 'api'
        ? {
            ...e,
            spec: {
              ...e.spec,
              deploy: {
                ...(e.spec as { deploy: object }).deploy,
                image: `registry.example/api:${tag}`,
              },
            },
          }
        : e,
    ),
  );
  await h.triggerCatalog();
  const dev = await h.store.getDeployment('component:default/api', 'dev');
  return dev!.releaseId;
}
