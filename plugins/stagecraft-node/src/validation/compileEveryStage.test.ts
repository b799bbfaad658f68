import { Entity } from '@backstage/catalog-model';
import {
  component,
  endpoint,
  environment,
  withSystems,
} from '../compiler/__fixtures__/entities';
import { compileEnvironment } from '../compiler/compileEnvironment';
import { compileEveryStage, compileSafely } from './compileEveryStage';

const pipeline = (name: string, stages: string[]): Entity => ({
  apiVersion: 'stagecraft.dev/v1alpha1',
  kind: 'DeploymentPipeline',
  metadata: { name, namespace: 'default' },
  spec: { stages: stages.map(e => ({ environment: e })) },
});

const trait = (name: string, spec: Record<string, unknown>): Entity => ({
  apiVersion: 'stagecraft.dev/v1alpha1',
  kind: 'Trait',
  metadata: { name, namespace: 'default' },
  spec: spec as Entity['spec'],
});

const platform = [
  environment('dev'),
  environment('production', {
    policy: {
      defaultResources: {
        requests: { cpu: '10m', memory: '16Mi' },
        limits: { memory: '64Mi' },
      },
      replicas: { min: 1, max: 2 },
    },
  }),
  pipeline('default', ['dev', 'production']),
];

const summary = (diagnostics: ReturnType<typeof compileEveryStage>) =>
  diagnostics.map(
    d => `${d.code} ${d.entityRef} ${d.path ?? ''} [${d.environment}]`,
  );

describe('compileEveryStage', () => {
  it('finds a guardrail of the last stage only, naming that stage', () => {
    const diagnostics = compileEveryStage({
      entities: withSystems([
        ...platform,
        component('api', 'shop', {
          deploy: { image: 'registry.example/api:1', replicas: 3 },
        }),
      ]),
    });
    expect(summary(diagnostics)).toEqual([
      'replicas-out-of-bounds component:default/api spec.deploy.replicas [production]',
    ]);
  });

  it('reports one problem found in several stages once, listing them', () => {
    const diagnostics = compileEveryStage({
      entities: withSystems([
        ...platform,
        component('ledger', 'billing'),
        endpoint('ledger-http', 'ledger', { visibility: 'project' }),
        component('cart', 'shop', { dependsOn: ['endpoint:ledger-http'] }),
      ]),
    });
    expect(summary(diagnostics)).toEqual([
      'visibility-forbids-dependency component:default/cart spec.dependsOn[0] [dev, production]',
    ]);
  });

  it('compiles only the components asked for, with the rest as context', () => {
    const entities = [
      ...platform,
      component('ledger', 'billing', {
        deploy: { image: 'r/ledger:1', replicas: 9 },
      }),
      endpoint('ledger-http', 'ledger', { visibility: 'organization' }),
      component('cart', 'shop', { dependsOn: ['endpoint:ledger-http'] }),
    ];
    expect(
      compileEveryStage({
        entities: withSystems(entities),
        components: ['component:cart'],
      }),
    ).toEqual([]);
    expect(
      summary(compileEveryStage({ entities: withSystems(entities) })),
    ).toContain(
      'replicas-out-of-bounds component:default/ledger spec.deploy.replicas [production]',
    );
  });

  it('follows the pipeline a component or its system names', () => {
    const annotated = component('api', 'shop', {
      deploy: { image: 'r/api:1', replicas: 3 },
    });
    annotated.metadata.annotations = { 'stagecraft.dev/pipeline': 'dev-only' };
    expect(
      compileEveryStage({
        entities: withSystems([
          ...platform,
          pipeline('dev-only', ['dev']),
          annotated,
        ]),
      }),
    ).toEqual([]);
  });

  it('reports a component whose pipeline is missing', () => {
    expect(
      summary(
        compileEveryStage({
          entities: withSystems([environment('dev'), component('api', 'shop')]),
        }),
      ),
    ).toEqual(['unknown-pipeline component:default/api  [undefined]']);
  });

  it('drops pending connections: they are runtime state, not problems', () => {
    const entities = [
      ...platform,
      component('ledger', 'billing'),
      endpoint('ledger-http', 'ledger', { visibility: 'organization' }),
      component('cart', 'shop', { dependsOn: ['endpoint:ledger-http'] }),
    ];
    const single = compileEnvironment({
      entities: withSystems(entities),
      environment: 'dev',
      deployed: ['component:cart'],
    });
    expect(single.diagnostics.map(d => d.severity)).toEqual(['pending']);
    expect(
      compileEveryStage({
        entities: withSystems(entities),
        components: ['component:cart'],
      }),
    ).toEqual([]);
  });

  it('turns a compiler exception into an error instead of throwing', () => {
    const result = compileSafely({
      entities: null as unknown as Entity[],
      environment: 'dev',
    });
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        code: 'compile-failed',
        environment: 'dev',
        message: expect.stringMatching(/^the compiler failed: /),
      }),
    ]);
  });

  it('points a component type’s template error at spec.type, a trait’s at its position', () => {
    const diagnostics = compileEveryStage({
      entities: withSystems([
        ...platform,
        trait('fine', {}),
        trait('broken', {
          patches: [
            {
              target: { kind: 'Deployment' },
              merge: { metadata: { labels: { x: '${parameters.nope.x}' } } },
            },
          ],
        }),
        component('api', 'shop', {
          deploy: {
            image: 'r/api:1',
            traits: [{ name: 'fine' }, { name: 'broken' }],
          },
        }),
        {
          apiVersion: 'stagecraft.dev/v1alpha1',
          kind: 'ComponentType',
          metadata: { name: 'odd', namespace: 'default' },
          spec: {
            workload: 'deployment',
            creates: [{ id: 'x', template: { kind: '${1 / 0}' } }],
          },
        },
        component('job', 'shop', { type: 'odd' }),
      ]),
    });
    expect(summary(diagnostics)).toEqual([
      'template-rejected component:default/api spec.deploy.traits[1] [dev, production]',
      'template-rejected component:default/job spec.type [dev, production]',
    ]);
    expect(diagnostics[0].message).toMatch(
      /^component:default\/api: trait "broken": patches\[0\]\.merge\.metadata\.labels\.x: /,
    );
    expect(diagnostics[1].message).toMatch(
      /^component:default\/job: component type "odd": creates\[0\]\.template\.kind: /,
    );
  });
});
