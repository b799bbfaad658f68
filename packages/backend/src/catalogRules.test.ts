import { ServiceFactoryTester } from '@backstage/backend-test-utils';
import { rootConfigServiceFactory } from '@backstage/backend-defaults/rootConfig';
import type { Config } from '@backstage/config';
import path from 'node:path';

/*
 * app-config.yaml admits Stagecraft's platform kinds only from the platform team's location:
 * a DeploymentPipeline, Environment, ComponentType or Trait decides what runs where and how
 * safely, so a repository a developer registers must not be able to add one (a pipeline
 * starting with production, say). Checked with the catalog's own rule enforcer on the real
 * configuration, as the catalog checks every entity: against the location it originated from.
 */

interface RulesEnforcer {
  isAllowed(
    entity: { kind: string },
    location: { type: string; target: string },
  ): boolean;
}

const repoRoot = path.resolve(__dirname, '../../..');

async function appConfig(): Promise<Config> {
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

/** The catalog's enforcer, which the package does not export: loaded from its installed build. */
function catalogRulesEnforcer(config: Config): RulesEnforcer {
  const catalogBackend = path.dirname(
    require.resolve('@backstage/plugin-catalog-backend/package.json'),
  );
  const { DefaultCatalogRulesEnforcer } = require(path.join(
    catalogBackend,
    'dist/ingestion/CatalogRules.cjs.js',
  ));
  return DefaultCatalogRulesEnforcer.fromConfig(config);
}

describe('the catalog rules in app-config.yaml', () => {
  const platformKinds = [
    'DeploymentPipeline',
    'Environment',
    'ComponentType',
    'Trait',
  ];

  it('admit the platform kinds only from the platform location', async () => {
    const config = await appConfig();
    const rules = catalogRulesEnforcer(config);
    const [platform] = config.getConfigArray('catalog.locations');
    // The catalog resolves a configured file location the same way (against the working directory).
    const platformLocation = {
      type: 'file',
      target: path.resolve(platform.getString('target')),
    };
    const developerRepository = {
      type: 'url',
      target: 'https://github.com/acme/checkout/blob/main/catalog-info.yaml',
    };
    const anotherFile = {
      type: 'file',
      target: path.join(repoRoot, 'catalog-info/systems/storefront.yaml'),
    };

    for (const kind of platformKinds) {
      expect([kind, rules.isAllowed({ kind }, platformLocation)]).toEqual([
        kind,
        true,
      ]);
      expect([kind, rules.isAllowed({ kind }, developerRepository)]).toEqual([
        kind,
        false,
      ]);
      expect([kind, rules.isAllowed({ kind }, anotherFile)]).toEqual([
        kind,
        false,
      ]);
    }
    for (const kind of ['Component', 'System', 'API', 'Endpoint'])
      expect([kind, rules.isAllowed({ kind }, developerRepository)]).toEqual([
        kind,
        true,
      ]);
  });
});
