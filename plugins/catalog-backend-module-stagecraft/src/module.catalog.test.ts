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

/**
 * The module inside a real catalog backend (SQLite), reading the catalog through
 * `catalogServiceRef` as it does in production: a component that breaks a production-only
 * guardrail carries the compile error on its page within seconds of the platform arriving,
 * the valid one none.
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
    try {
      // The catalog reports processing errors in the entity's status.
      const errorsOf = (entities: Entity[], name: string) => {
        const entity = entities.find(e => e.metadata.name === name) as
          | (Entity & { status?: { items?: { message: string }[] } })
          | undefined;
        return (entity?.status?.items ?? []).map(i => i.message);
      };
      let components: Entity[] = [];
      for (let i = 0; i < 60; i++) {
        components = await read!();
        if (errorsOf(components, 'greedy').length > 0) break;
        await new Promise(r => setTimeout(r, 500));
      }
      expect(errorsOf(components, 'greedy')).toEqual([
        "InputError: spec.deploy.replicas in production: 4 replicas is outside production's bounds 1–3",
      ]);
      expect(errorsOf(components, 'good')).toEqual([]);
    } finally {
      await backend.stop();
    }
  }, 60_000);
});
