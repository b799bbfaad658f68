import { Entity } from '@backstage/catalog-model';
import {
  component,
  environment,
  withSystems,
} from '../compiler/__fixtures__/entities';
import { validateDocuments } from './validateDocuments';

/** Cases the property tests (validateDocuments.property.test.ts) found, one test each. */

const pipeline: Entity = {
  apiVersion: 'stagecraft.dev/v1alpha1',
  kind: 'DeploymentPipeline',
  metadata: { name: 'default', namespace: 'default' },
  spec: { stages: [{ environment: 'dev' }] },
};

const validate = (entities: Entity[]) =>
  validateDocuments({
    documents: entities.map((value, index) => ({
      source: `file-${index}.yaml`,
      index: 0,
      value: value as unknown as Record<string, unknown>,
    })),
  });

describe('validateDocuments on hostile input', () => {
  it('reports a nameless component of a project as its own problem, not as a compiler crash of its neighbours', async () => {
    const { problems } = await validate(
      withSystems([
        environment('dev'),
        pipeline,
        component('api', 'shop'),
        component('', 'shop'),
      ]),
    );
    expect(problems.map(p => p.code ?? p.path)).not.toContain('compile-failed');
    expect(problems).toEqual([
      expect.objectContaining({
        source: 'file-3.yaml',
        message: expect.stringContaining('"metadata.name" is not valid'),
      }),
    ]);
  });

  it('refuses parameters nested thousands of levels deep as a problem naming the field, not a stack overflow', async () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 5000; i++) deep = { a: deep };
    const { problems } = await validate(
      withSystems([
        environment('dev'),
        pipeline,
        component('api', 'shop', {
          deploy: { image: 'registry.example/api:1', parameters: { deep } },
        }),
      ]),
    );
    expect(problems).toEqual([
      {
        source: 'file-2.yaml',
        path: 'spec.deploy.parameters.deep.a.a.a.a…',
        message: 'nested more than 64 levels deep; flatten the value',
      },
    ]);
  });

  it('refuses a lone UTF-16 surrogate in an environment value, which the API server refuses on apply', async () => {
    const { problems } = await validate(
      withSystems([
        environment('dev'),
        pipeline,
        component('api', 'shop', {
          deploy: {
            image: 'registry.example/api:1',
            env: { NOTE: 'a\ud800b' },
          },
        }),
      ]),
    );
    expect(problems).toEqual([
      {
        source: 'file-2.yaml',
        path: 'spec.deploy.env.NOTE',
        message:
          'holds a lone UTF-16 surrogate, which is not Unicode and which Kubernetes refuses; remove it',
      },
    ]);
  });
});
