import {
  AuthService,
  coreServices,
  RootConfigService,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { parseEntityDocuments } from '@stagecraft/plugin-stagecraft-common';
import catalogModuleStagecraft from '@stagecraft/plugin-catalog-backend-module-stagecraft';
import {
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { OwnerPermissions } from '../__testUtils__/OwnerPermissions';
import { failureOf, resumableContext } from '../__testUtils__/resumableContext';
import { createPublishLocalAction } from '../actions/createPublishLocalAction';
import { createPublishPlatformAction } from '../actions/createPublishPlatformAction';
import {
  configuredFileLocations,
  LocalCatalogRegistration,
} from './LocalCatalogRegistration';
import { LocalGitRepository } from './LocalGitRepository';
import { LocalRepositories } from './LocalRepositories';

const component = (description: string) => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: invoice-api
  description: ${description}
spec:
  type: service
  lifecycle: experimental
  owner: team-payments
`;

const environment = `apiVersion: stagecraft.dev/v1alpha1
kind: Environment
metadata: { name: perf }
spec:
  target: local
  gateway: { internalHost: perf.internal.example }
`;

/**
 * publish:local and publish:platform with a real catalog backend (SQLite), configured as
 * app-config.yaml configures the demo: one file location reads every local repository (no
 * platform kinds), one the platform repository (with the rule that admits them). The catalog
 * processes its locations only every 100 s here, so a publish that shows up at once was made
 * visible by its refresh.
 */
describe('local repositories in a running catalog', () => {
  const disk = createMockDirectory();
  let catalog: CatalogService;
  let auth: AuthService;
  let config: RootConfigService;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    disk.setContent({ repositories: {}, platform: {} });
    const probe = createBackendPlugin({
      pluginId: 'probe',
      register(env) {
        env.registerInit({
          deps: {
            catalog: catalogServiceRef,
            auth: coreServices.auth,
            config: coreServices.rootConfig,
          },
          async init(deps) {
            ({ catalog, auth, config } = deps);
          },
        });
      },
    });
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        // Stagecraft's kinds, so an Environment is one the catalog knows — and refuses by rule.
        catalogModuleStagecraft,
        probe,
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              processingInterval: { seconds: 100 },
              rules: [{ allow: ['Component', 'System', 'Location'] }],
              locations: [
                {
                  type: 'file',
                  target: `${disk.resolve('repositories')}/*/catalog-info.yaml`,
                },
                {
                  type: 'file',
                  target: `${disk.resolve('platform')}/*.yaml`,
                  rules: [{ allow: ['Environment'] }],
                },
              ],
            },
          },
        }),
      ],
    });
    stop = () => backend.stop();
  }, 120_000);

  afterAll(() => stop());

  function actions() {
    const repositories = new LocalRepositories({
      directory: disk.resolve('repositories'),
      platformDirectory: disk.resolve('platform'),
      // The catalog has just started and shares the machine with the rest of the unit run: a
      // publish normally shows in 2-3 s, but must not fail because the machine is busy.
      catalogTimeoutSeconds: 90,
    });
    const registration = new LocalCatalogRegistration({
      catalog,
      auth,
      locations: configuredFileLocations(config),
      pollIntervalMs: 200,
    });
    const permissions = new OwnerPermissions(
      { 'component:default/invoice-api': ['user:default/mock'] },
      ['user:default/mock'],
    ).asService();
    return {
      local: createPublishLocalAction({
        repositories,
        registration,
        catalog,
        permissions,
      }),
      platform: createPublishPlatformAction({
        repositories,
        registration,
        permissions,
      }),
    };
  }

  let workspaces = 0;
  function workspace(files: Record<string, string>) {
    const name = `workspace-${++workspaces}`;
    disk.addContent({ [name]: files });
    return disk.resolve(name);
  }

  it('shows a new repository’s component, then its next commit', async () => {
    const { local } = actions();
    const created = resumableContext({
      // As the scaffolder passes it: the schema's defaults are not filled in.
      input: { repository: 'invoice-api' } as any,
      workspacePath: workspace({ 'catalog-info.yaml': component('first') }),
      taskId: 'create',
    });
    await local.handler(created);
    const entity = await catalog.getEntityByRef(
      'component:default/invoice-api',
      {
        credentials: await auth.getOwnServiceCredentials(),
      },
    );
    expect(entity?.metadata.description).toBe('first');
    expect(
      entity?.metadata.annotations?.['backstage.io/managed-by-location'],
    ).toBe(
      `file:${disk.resolve('repositories/invoice-api/catalog-info.yaml')}`,
    );

    const updated = resumableContext({
      // As the scaffolder passes it: the schema's defaults are not filled in.
      input: { repository: 'invoice-api', mode: 'update' } as any,
      workspacePath: workspace({
        'catalog-info.yaml': component('second').replace(
          'lifecycle: experimental',
          'lifecycle: production',
        ),
      }),
      taskId: 'update',
    });
    await local.handler(updated);
    const next = await catalog.getEntityByRef('component:default/invoice-api', {
      credentials: await auth.getOwnServiceCredentials(),
    });
    expect(next?.spec?.lifecycle).toBe('production');
  }, 120_000);

  it('never shows a platform kind from a developer’s repository, even one written past publish:local', async () => {
    // publish:local refuses the kind itself (createPublishLocalAction.test.ts); behind it, the
    // catalog's rules refuse it too: written straight into a repository, it never shows.
    const repo = new LocalGitRepository(disk.resolve('repositories/sneaky'));
    await repo.ensureExists('test');
    await repo.writeFiles([
      { path: 'catalog-info.yaml', content: Buffer.from(environment) },
    ]);
    await repo.commitAll('sneak', { name: 'm', email: 'm@example.com' });
    const registration = new LocalCatalogRegistration({
      catalog,
      auth,
      locations: configuredFileLocations(config),
      pollIntervalMs: 200,
    });
    await registration.refreshLocationsUnder(disk.resolve('repositories'));
    // It would show within 2-3 s if the rules admitted it (the tests around this one).
    const error = await failureOf(
      registration.waitUntilShown(
        parseEntityDocuments(environment, 'e').documents.map(
          d => d.value as unknown as Entity,
        ),
        await auth.getOwnServiceCredentials(),
        { timeoutSeconds: 5, logger: mockServices.logger.mock() },
      ),
    );
    expect(error?.message).toMatch(
      /^The catalog does not show environment:default\/perf as committed after 5 s/,
    );
  }, 120_000);

  it('shows an Environment published into the platform repository', async () => {
    const { platform } = actions();
    const ctx = resumableContext({
      input: {} as any,
      workspacePath: workspace({ 'environment-perf.yaml': environment }),
      taskId: 'platform',
    });
    await platform.handler(ctx);
    const entity = await catalog.getEntityByRef('environment:default/perf', {
      credentials: await auth.getOwnServiceCredentials(),
    });
    expect(entity?.spec?.target).toBe('local');
  }, 120_000);
});
