import { ServiceFactoryTester } from '@backstage/backend-test-utils';
import { rootConfigServiceFactory } from '@backstage/backend-defaults/rootConfig';
import path from 'node:path';
import { configuredFileLocations } from './repositories/LocalCatalogRegistration';
import { isInside, LocalRepositories } from './repositories/LocalRepositories';

/*
 * The demo's app-config.yaml, as `yarn start` runs the backend (from packages/backend): the
 * catalog reads the directories the golden paths publish into, and admits the platform kinds
 * from the platform repository only — checked with the catalog's own rule enforcer.
 */
const repoRoot = path.resolve(__dirname, '../../..');
const backendDir = path.join(repoRoot, 'packages/backend');

async function demoConfig() {
  return ServiceFactoryTester.from(
    rootConfigServiceFactory({
      argv: [
        'node',
        'backend',
        '--config',
        path.join(repoRoot, 'app-config.yaml'),
      ],
    }),
  ).getSubject();
}

function rulesEnforcer(config: unknown) {
  const catalogBackend = path.dirname(
    require.resolve('@backstage/plugin-catalog-backend/package.json'),
  );
  const { DefaultCatalogRulesEnforcer } = require(path.join(
    catalogBackend,
    'dist/ingestion/CatalogRules.cjs.js',
  ));
  return DefaultCatalogRulesEnforcer.fromConfig(config) as {
    isAllowed(
      entity: { kind: string },
      location: { type: string; target: string },
    ): boolean;
  };
}

describe('app-config.yaml for the golden paths', () => {
  const cwd = process.cwd();
  beforeAll(() => process.chdir(backendDir));
  afterAll(() => process.chdir(cwd));

  it('has the catalog read the local repositories and the platform repository, with the right rules', async () => {
    const config = await demoConfig();
    const { directory, platformDirectory } =
      LocalRepositories.fromConfig(config).options;
    const targets = configuredFileLocations(config).map(l =>
      path.resolve(l.target),
    );
    const repositories = targets.find(t => isInside(t, directory));
    const platform = targets.find(t => isInside(t, platformDirectory));
    expect(repositories).toBe(
      path.join(repoRoot, '.stagecraft/repositories/*/catalog-info.yaml'),
    );
    expect(platform).toBe(path.join(repoRoot, '.stagecraft/platform/*.yaml'));

    const rules = rulesEnforcer(config);
    const from = (target: string) => ({ type: 'file', target });
    for (const kind of ['Component', 'Endpoint', 'API'])
      expect(rules.isAllowed({ kind }, from(repositories!))).toBe(true);
    for (const kind of [
      'Environment',
      'DeploymentPipeline',
      'ComponentType',
      'Trait',
    ]) {
      expect(rules.isAllowed({ kind }, from(repositories!))).toBe(false);
      expect(rules.isAllowed({ kind }, from(platform!))).toBe(true);
    }
  });
});
