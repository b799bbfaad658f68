import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { ANNOTATION_LOCATION, Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { stringify } from 'yaml';
import { LocalGitRepository } from '../repositories/LocalGitRepository';
import { exampleCatalog } from './examplePlatform';

/**
 * Permissions as the demo's policy decides the ones these tests touch: everything is allowed,
 * except committing to the platform repository, which only `platformEngineer` may.
 */
export function platformTeamOnlyPermissions(platformEngineer: string) {
  return createServiceFactory({
    service: coreServices.permissions,
    deps: {},
    factory: () =>
      ({
        async authorize(
          requests: { permission: { name: string } }[],
          options?: { credentials?: { principal?: unknown } },
        ) {
          const user = (
            options?.credentials?.principal as { userEntityRef?: string }
          )?.userEntityRef;
          return requests.map(({ permission }) => ({
            result:
              permission.name === 'stagecraft.platform-repository.write' &&
              user !== platformEngineer
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
          }));
        },
        async authorizeConditional(requests: unknown[]) {
          return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
        },
      } as any),
  });
}

/**
 * Everything allowed, except Stagecraft's deployment writes (deploy, promote, …) and commits
 * to a component's or the platform's repository to `user`.
 */
export function writesDeniedTo(user: string) {
  return createServiceFactory({
    service: coreServices.permissions,
    deps: {},
    factory: () =>
      ({
        async authorize(
          requests: { permission: { name: string } }[],
          options?: { credentials?: { principal?: unknown } },
        ) {
          const caller = (
            options?.credentials?.principal as { userEntityRef?: string }
          )?.userEntityRef;
          return requests.map(({ permission }) => ({
            result:
              caller === user &&
              (permission.name.startsWith('stagecraft.deployment.') ||
                permission.name === 'stagecraft.repository.write' ||
                permission.name === 'stagecraft.platform-repository.write')
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
          }));
        },
        async authorizeConditional(requests: unknown[]) {
          return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
        },
      } as any),
  });
}

/**
 * Puts an example component into a local repository of its own, committed, and returns the
 * entity as the catalog would show it from there.
 */
export async function localRepositoryOf(
  directory: string,
  name: string,
): Promise<Entity> {
  const entity = exampleCatalog().find(
    e => e.kind === 'Component' && e.metadata.name === name,
  )!;
  const repo = new LocalGitRepository(`${directory}/${name}`);
  await repo.ensureExists('setup');
  await repo.writeFiles([
    { path: 'catalog-info.yaml', content: Buffer.from(stringify(entity)) },
  ]);
  await repo.commitAll('First', { name: 'setup', email: 'setup@example.com' });
  return {
    ...entity,
    metadata: {
      ...entity.metadata,
      annotations: {
        [ANNOTATION_LOCATION]: `file:${repo.dir}/catalog-info.yaml`,
      },
    },
  };
}
