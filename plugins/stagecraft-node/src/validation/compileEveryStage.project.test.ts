import { Entity } from '@backstage/catalog-model';
import {
  component,
  endpoint,
  environment,
} from '../compiler/__fixtures__/entities';
import { compileEveryStage } from './compileEveryStage';

const stagecraft = (kind: string, name: string, spec: object): Entity => ({
  apiVersion: 'stagecraft.dev/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec: spec as Entity['spec'],
});
const system = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name, namespace: 'default' },
  spec: { owner: 'team' },
});
const annotated = (entity: Entity, pipeline: string): Entity => ({
  ...entity,
  metadata: {
    ...entity.metadata,
    annotations: { 'stagecraft.dev/pipeline': pipeline },
  },
});

/** A trait creating a ConfigMap of a fixed name: two components using it collide. */
const sharedConfig = stagecraft('Trait', 'shared-config', {
  creates: [
    {
      id: 'cm',
      template: {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'shared' },
        data: { a: 'b' },
      },
    },
  ],
});
const withSharedConfig = (name: string, project: string, deploy = {}) =>
  component(name, project, {
    deploy: {
      image: `registry.example/${name}:1`,
      traits: [{ name: 'shared-config' }],
      ...deploy,
    },
  });

const platform = [
  environment('dev'),
  environment('production'),
  stagecraft('DeploymentPipeline', 'default', {
    stages: [{ environment: 'dev' }, { environment: 'production' }],
  }),
  stagecraft('DeploymentPipeline', 'dev-only', {
    stages: [{ environment: 'dev' }],
  }),
  sharedConfig,
  system('shop'),
  system('billing'),
];

const summary = (diagnostics: ReturnType<typeof compileEveryStage>) =>
  diagnostics.map(d => `${d.code} ${d.entityRef} [${d.environment}]`);

describe('compileEveryStage compiles a component with the rest of its project', () => {
  const entities = [
    ...platform,
    withSharedConfig('one', 'shop'),
    withSharedConfig('two', 'shop'),
  ];

  it('reports a collision with a component not checked, on either side', () => {
    // `two` is compiled after `one`, so the error is on `two` and involves `one`.
    expect(
      summary(compileEveryStage({ entities, components: ['component:two'] })),
    ).toEqual([
      'object-collision component:default/two [dev]',
      'object-collision component:default/two [production]',
    ]);
    const forOne = compileEveryStage({
      entities,
      components: ['component:one'],
    });
    expect(summary(forOne)).toEqual([
      'object-collision component:default/two [dev]',
      'object-collision component:default/two [production]',
    ]);
    expect(forOne[0].message).toBe(
      'component:default/two emits ConfigMap shop-dev/shared, which component:default/one emits too; one of them must name it differently',
    );
    expect(forOne[0].involves).toEqual(['component:default/one']);
  });

  it('does not report what is wrong with the other components alone', () => {
    const broken = [
      ...platform,
      component('api', 'shop'),
      component('worker', 'shop', {
        deploy: { image: 'registry.example/w:1', traits: [{ name: 'nope' }] },
      }),
      // An endpoint whose component is gone: the problem is on the endpoint.
      endpoint('orphan-http', 'gone'),
      component('client', 'shop', { dependsOn: ['endpoint:orphan-http'] }),
    ];
    expect(
      compileEveryStage({ entities: broken, components: ['component:api'] }),
    ).toEqual([]);
    expect(summary(compileEveryStage({ entities: broken }))).toEqual([
      'unknown-trait component:default/worker [dev, production]',
      'endpoint-without-project endpoint:default/orphan-http [dev, production]',
    ]);
    expect(
      summary(
        compileEveryStage({
          entities: broken,
          components: ['component:client'],
        }),
      ),
    ).toEqual([
      'endpoint-without-project endpoint:default/orphan-http [dev, production]',
    ]);
  });

  it('deploys the others only in the stages of their own pipeline', () => {
    const devOnly = [
      ...platform,
      withSharedConfig('one', 'shop'),
      annotated(withSharedConfig('two', 'shop'), 'dev-only'),
    ];
    expect(
      summary(
        compileEveryStage({ entities: devOnly, components: ['component:one'] }),
      ),
    ).toEqual(['object-collision component:default/two [dev]']);
  });
});
