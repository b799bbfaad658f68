import { Entity } from '@backstage/catalog-model';
import { compileEnvironment } from './compileEnvironment';
import { component, environment, withSystems } from './__fixtures__/entities';

const sharedConfig: Entity = {
  apiVersion: 'stagecraft.dev/v1alpha1',
  kind: 'Trait',
  metadata: { name: 'shared-config', namespace: 'default' },
  spec: {
    creates: [
      {
        id: 'config',
        template: {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'shared' },
        },
      },
    ],
  },
};

describe('two components emitting the same object', () => {
  it('refuses the second with an error naming both, instead of throwing', () => {
    const withTrait = (name: string) =>
      component(name, 'shop', {
        deploy: { image: `r/${name}:1`, traits: [{ name: 'shared-config' }] },
      });
    const result = compileEnvironment({
      entities: withSystems([
        environment('dev'),
        sharedConfig,
        withTrait('first'),
        withTrait('second'),
      ]),
      environment: 'dev',
    });
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        code: 'object-collision',
        entityRef: 'component:default/second',
        message:
          'component:default/second emits ConfigMap shop-dev/shared, which component:default/first emits too; one of them must name it differently',
      }),
    ]);
    const owners = result.manifests
      .filter(m => m.kind === 'Deployment')
      .map(m => m.metadata.name);
    expect(owners).toEqual(['first']);
  });
});
