import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogModuleStagecraft } from './module';

const platform = `apiVersion: stagecraft.dev/v1alpha1
kind: Environment
metadata: { name: dev }
spec:
  target: local
  gateway: { internalHost: dev.internal.example }
  policy:
    defaultResources: { requests: { cpu: 10m, memory: 16Mi }, limits: { memory: 64Mi } }
    replicas: { min: 1, max: 5 }
---
apiVersion: stagecraft.dev/v1alpha1
kind: Environment
metadata: { name: production }
spec:
  target: local
  gateway: { internalHost: internal.example }
  policy:
    defaultResources: { requests: { cpu: 10m, memory: 16Mi }, limits: { memory: 64Mi } }
    replicas: { min: 1, max: 3 }
---
apiVersion: stagecraft.dev/v1alpha1
kind: DeploymentPipeline
metadata: { name: default }
spec: { stages: [{ environment: dev }, { environment: production }] }
---
apiVersion: backstage.io/v1alpha1
kind: System
metadata: { name: shop }
spec: { owner: team-a }
`;
const component = (name: string, replicas: number) => `---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: ${name} }
spec:
  type: service
  lifecycle: production
  owner: team-a
  system: shop
  deploy: { image: registry.example/${name}:1, replicas: ${replicas} }
`;

const withSharedConfig = (name: string) => `---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: ${name} }
spec:
  type: service
  lifecycle: production
  owner: team-a
  system: shop
  deploy: { image: registry.example/${name}:1, traits: [{ name: shared-config }] }
`;
const sharedConfig = `---
apiVersion: stagecraft.dev/v1alpha1
kind: Trait
metadata: { name: shared-config }
spec:
  creates:
    - id: cm
      template: { apiVersion: v1, kind: ConfigMap, metadata: { name: shared }, data: { a: b } }
`;

type WithStatus = Entity & { status?: { items?: { message: string }[] } };

/**
 * A real catalog backend (SQLite) with the module, reading `catalog-info.yaml` from `dir`
 * every second; `errorsOf` waits until `until` holds for the components' processing errors
 * (the catalog reports them in the entity's status) and returns them. It waits up to 90 s:
 * the first passes of a catalog that starts cold took over 30 s while the unit run kept every
 * core busy (CI, 2026-12-02).
 */
async function runningCatalog(dir: ReturnType<typeof createMockDirectory>) {
  let read: (() => Promise<Entity[]>) | undefined;
  const probe = createBackendPlugin({
    pluginId: 'probe',
    register(env) {
      env.registerInit({
        deps: { catalog: catalogServiceRef, auth: coreServices.auth },
        async init({ catalog, auth }) {
          read = async () =>
            (
              await catalog.getEntities(
                { filter: { kind: 'Component' } },
                { credentials: await auth.getOwnServiceCredentials() },
              )
            ).items;
        },
      });
    },
  });
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleStagecraft,
      probe,
      mockServices.rootConfig.factory({
        data: {
          catalog: {
            processingInterval: { seconds: 1 },
            rules: [
              {
                allow: [
                  'Component',
                  'System',
                  'Environment',
                  'DeploymentPipeline',
                  'Trait',
                ],
              },
            ],
            locations: [
              { type: 'file', target: dir.resolve('catalog-info.yaml') },
            ],
          },
        },
      }),
    ],
  });
  const errorsOf = async (
    until: (errors: Record<string, string[]>) => boolean,
  ) => {
    let errors: Record<string, string[]> = {};
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      errors = Object.fromEntries(
        ((await read!()) as WithStatus[]).map(e => [
          e.metadata.name,
          (e.status?.items ?? []).map(item => item.message),
        ]),
      );
      if (until(errors)) break;
      await new Promise(r => setTimeout(r, 500));
    }
    return errors;
  };
  return { errorsOf, stop: () => backend.stop() };
}

/**
 * The module inside a real catalog backend, reading the catalog through `catalogServiceRef`
 * as it does in production.
 */
describe('catalogModuleStagecraft in a running catalog', () => {
  const dir = createMockDirectory();

  it('shows a compile error of one environment on the entity', async () => {
    dir.setContent({
      'catalog-info.yaml': `${platform}${component('good', 2)}${component(
        'greedy',
        4,
      )}`,
    });
    const catalog = await runningCatalog(dir);
    try {
      const errors = await catalog.errorsOf(e => e.greedy?.length > 0);
      expect(errors.greedy).toEqual([
        "InputError: spec.deploy.replicas in production: 4 replicas is outside production's bounds 1–3",
      ]);
      expect(errors.good).toEqual([]);
    } finally {
      await catalog.stop();
    }
  }, 120_000);

  it('shows an object two components of a project emit on both (the catalog query for the project)', async () => {
    dir.setContent({
      'catalog-info.yaml': `${platform}${sharedConfig}${withSharedConfig(
        'alpha',
      )}${withSharedConfig('beta')}${component('good', 2)}`,
    });
    const catalog = await runningCatalog(dir);
    try {
      const errors = await catalog.errorsOf(
        e => e.alpha?.length > 0 && e.beta?.length > 0,
      );
      const collision = (env: string) =>
        `component:default/beta emits ConfigMap shop-${env}/shared, which component:default/alpha emits too; one of them must name it differently`;
      expect(errors.alpha).toEqual(
        ['dev', 'production'].map(
          env =>
            `InputError: component:default/beta in ${env}: ${collision(env)}`,
        ),
      );
      expect(errors.beta).toEqual(
        ['dev', 'production'].map(
          env => `InputError: in ${env}: ${collision(env)}`,
        ),
      );
      expect(errors.good).toEqual([]);
    } finally {
      await catalog.stop();
    }
  }, 120_000);
});
