import { createMockDirectory } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  formatProblem,
  parseEntityDocuments,
} from '@stagecraft/plugin-stagecraft-common';
import { validateDocuments } from '@stagecraft/plugin-stagecraft-node';
import { createValidateCatalogInfoAction } from './createValidateCatalogInfoAction';

/** The platform and a neighbouring project, as the catalog holds them. */
const catalogYaml = `apiVersion: stagecraft.dev/v1alpha1
kind: Environment
metadata: { name: dev, namespace: default }
spec:
  target: local
  gateway: { internalHost: dev.internal.example }
  policy:
    defaultResources: { requests: { cpu: 10m, memory: 16Mi }, limits: { memory: 64Mi } }
    replicas: { min: 1, max: 5 }
---
apiVersion: stagecraft.dev/v1alpha1
kind: Environment
metadata: { name: production, namespace: default }
spec:
  target: local
  gateway: { internalHost: internal.example }
  policy:
    defaultResources: { requests: { cpu: 10m, memory: 16Mi }, limits: { memory: 64Mi } }
    replicas: { min: 1, max: 3 }
---
apiVersion: stagecraft.dev/v1alpha1
kind: DeploymentPipeline
metadata: { name: default, namespace: default }
spec: { stages: [{ environment: dev }, { environment: production }] }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: ledger, namespace: default }
spec:
  type: service
  lifecycle: production
  owner: team-billing
  system: billing
  deploy: { image: registry.example/ledger:1 }
---
apiVersion: stagecraft.dev/v1alpha1
kind: Endpoint
metadata: { name: ledger-http, namespace: default }
spec: { component: ledger, port: 8080, protocol: http, visibility: project }
---
apiVersion: backstage.io/v1alpha1
kind: System
metadata: { name: shop, namespace: default }
spec: { owner: team-shop }
`;

/** A trait that creates a ConfigMap of a fixed name, and a component of shop that uses it. */
const sharedConfigYaml = `---
apiVersion: stagecraft.dev/v1alpha1
kind: Trait
metadata: { name: shared-config, namespace: default }
spec:
  creates:
    - id: cm
      template: { apiVersion: v1, kind: ConfigMap, metadata: { name: shared }, data: { a: b } }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: storefront, namespace: default }
spec:
  type: service
  lifecycle: production
  owner: team-shop
  system: shop
  deploy: { image: registry.example/storefront:1, traits: [{ name: shared-config }] }
`;

/** What a golden path generated: one guardrail and one visibility problem. */
const generated = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: checkout }
spec:
  type: service
  lifecycle: experimental
  owner: team-shop
  system: shop
  dependsOn: [endpoint:ledger-http]
  deploy:
    image: registry.example/checkout:1
    replicas: 4
`;

/** A new component of shop using the trait `storefront` uses: both create ConfigMap shared. */
const collidingWithStorefront = generated
  .replace('  dependsOn: [endpoint:ledger-http]\n', '')
  .replace('replicas: 4', 'replicas: 2\n    traits: [{ name: shared-config }]');

const catalogEntities = parseEntityDocuments(
  catalogYaml + sharedConfigYaml,
  'catalog.yaml',
).documents.map(d => d.value as unknown as Entity);

describe('stagecraft:catalog:validate compiles against the catalog', () => {
  const workspace = createMockDirectory();
  beforeEach(() => workspace.clear());

  async function runAction(
    catalog = catalogServiceMock({ entities: catalogEntities }),
    file = generated,
  ) {
    workspace.setContent({ 'catalog-info.yaml': file });
    const ctx = createMockActionContext({
      workspacePath: workspace.path,
      input: { filePath: 'catalog-info.yaml' },
    });
    const error = await createValidateCatalogInfoAction({ catalog })
      .handler(ctx as any)
      .then(
        () => undefined,
        (e: Error) => e,
      );
    return { ctx, error };
  }

  it('fails with the guardrail of production and the cross-project dependency', async () => {
    const { error } = await runAction();
    expect(error?.name).toBe('InputError');
    expect(error?.message.split('\n')).toEqual([
      'catalog-info.yaml is not valid:',
      '- catalog-info.yaml: component:default/checkout spec.dependsOn[0] in dev, production: component:default/checkout (project shop) depends on endpoint:default/ledger-http, whose visibility "project" admits only components of project billing; make the endpoint "organization" or remove the dependency',
      "- catalog-info.yaml: component:default/checkout spec.deploy.replicas in production: 4 replicas is outside production's bounds 1–3",
    ]);
  });

  it.each([
    ['a guardrail and a dependency', generated],
    [
      'an object a component of the project in the catalog emits too',
      collidingWithStorefront,
    ],
  ])(
    'reports the same problems as `stagecraft validate` on the file and the catalog: %s',
    async (_case, file) => {
      const { error } = await runAction(undefined, file);
      const { documents } = parseEntityDocuments(file, 'catalog-info.yaml');
      const { problems } = await validateDocuments({
        documents: [
          ...documents,
          ...catalogEntities.map((value, index) => ({
            source: 'catalog.yaml',
            index,
            value: value as unknown as Record<string, unknown>,
          })),
        ],
      });
      // What validate says about the file's entities, with any collision one of them is in
      // (the action names the catalog as the source of the catalog's entities).
      const fromValidate = problems
        .filter(
          p =>
            p.source === 'catalog-info.yaml' ||
            p.message.includes('which component:default/checkout emits'),
        )
        .map(p =>
          formatProblem(
            p.source === 'catalog.yaml' ? { ...p, source: 'catalog' } : p,
          ),
        )
        .map(line => `- ${line}`);
      expect(fromValidate.length).toBe(2);
      expect(error?.message.split('\n').slice(1)).toEqual(fromValidate);
    },
  );

  it('refuses platform kinds in the file and compiles with the catalog’s own', async () => {
    // A production that allows 10 replicas, and a trait of the developer's own.
    const forged = `${catalogYaml
      .split('---\n')
      .find(d => d.includes('name: production'))!
      .replace('max: 3', 'max: 10')}---
apiVersion: stagecraft.dev/v1alpha1
kind: Trait
metadata: { name: own-trait }
spec: {}
---
${generated.replace(
  'replicas: 4',
  'replicas: 4\n    traits: [{ name: own-trait }]',
)}`;
    expect(forged).toContain('max: 10');
    const { error } = await runAction(undefined, forged);
    const refused = (ref: string, kind: string) =>
      `- catalog-info.yaml: ${ref} kind: platform kinds (Environment, DeploymentPipeline, ComponentType, Trait) come from the platform's catalog locations: the catalog would reject this ${kind} from a developer's repository, so it is not used; validation compiles with the catalog's own platform entities`;
    expect(error?.message.split('\n')).toEqual([
      'catalog-info.yaml is not valid:',
      refused('environment:default/production', 'Environment'),
      refused('trait:default/own-trait', 'Trait'),
      '- catalog-info.yaml: component:default/checkout spec.dependsOn[0] in dev, production: component:default/checkout (project shop) depends on endpoint:default/ledger-http, whose visibility "project" admits only components of project billing; make the endpoint "organization" or remove the dependency',
      '- catalog-info.yaml: component:default/checkout spec.deploy.traits[0].name in dev: no Trait "own-trait" in the catalog or registered by a backend module',
      "- catalog-info.yaml: component:default/checkout spec.deploy.replicas in production: 4 replicas is outside production's bounds 1–3",
    ]);
  });

  it('reads the catalog as the user who runs the template', async () => {
    const catalog = catalogServiceMock({ entities: catalogEntities });
    const getEntities = jest.spyOn(catalog, 'getEntities');
    const { ctx } = await runAction(catalog);
    expect(getEntities).toHaveBeenCalledWith(expect.anything(), {
      credentials: await ctx.getInitiatorCredentials(),
    });
  });

  it('passes a component that compiles everywhere', async () => {
    workspace.setContent({
      'catalog-info.yaml': generated
        .replace('  dependsOn: [endpoint:ledger-http]\n', '')
        .replace('replicas: 4', 'replicas: 2'),
    });
    const ctx = createMockActionContext({
      workspacePath: workspace.path,
      input: { filePath: 'catalog-info.yaml' },
    });
    await createValidateCatalogInfoAction({
      catalog: catalogServiceMock({ entities: catalogEntities }),
    }).handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith('entityRefs', [
      'component:default/checkout',
    ]);
  });
});
