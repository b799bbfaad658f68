import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  stagecraftBreakGlassPermission,
  stagecraftDeployPermission,
  stagecraftProductionChangePermission,
} from '@stagecraft/plugin-stagecraft-common';
import { StagecraftPermissionPolicy } from './StagecraftPermissionPolicy';

const policy = new StagecraftPermissionPolicy(
  new Set(['group:default/platform-team']),
);

const userWith = (...ownershipEntityRefs: string[]) =>
  ({
    info: { userEntityRef: ownershipEntityRefs[0], ownershipEntityRefs },
  } as unknown as PolicyQueryUser);

const developer = userWith('user:default/dev', 'group:default/team-payments');
const platformEngineer = userWith(
  'user:default/ops',
  'group:default/platform-team',
);

const readPermission = createPermission({
  name: 'catalog.entity.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});
const locationCreate = createPermission({
  name: 'catalog.location.create',
  attributes: { action: 'create' },
});
const templateRun = createPermission({
  name: 'scaffolder.task.create',
  attributes: { action: 'create' },
});

describe('StagecraftPermissionPolicy', () => {
  it('allows reads to everyone', async () => {
    await expect(
      policy.handle({ permission: readPermission }, developer),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('allows platform admins every write', async () => {
    await expect(
      policy.handle({ permission: locationCreate }, platformEngineer),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('allows deploys only to the component owners', async () => {
    await expect(
      policy.handle({ permission: stagecraftDeployPermission }, developer),
    ).resolves.toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: { claims: ['user:default/dev', 'group:default/team-payments'] },
      },
    });
  });

  it('lets only platform admins break glass, not the component owners', async () => {
    await expect(
      policy.handle({ permission: stagecraftBreakGlassPermission }, developer),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
    await expect(
      policy.handle(
        { permission: stagecraftBreakGlassPermission },
        platformEngineer,
      ),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('leaves production changes to the component owners', async () => {
    await expect(
      policy.handle(
        { permission: stagecraftProductionChangePermission },
        developer,
      ),
    ).resolves.toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      conditions: { rule: 'IS_ENTITY_OWNER' },
    });
  });

  it('lets every developer run templates', async () => {
    await expect(
      policy.handle({ permission: templateRun }, developer),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('denies other writes to non-admins', async () => {
    await expect(
      policy.handle({ permission: locationCreate }, developer),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });

  it('denies writes when there is no user', async () => {
    await expect(
      policy.handle({ permission: locationCreate }),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });
});
