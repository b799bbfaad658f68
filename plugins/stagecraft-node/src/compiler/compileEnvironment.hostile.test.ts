import { Entity } from '@backstage/catalog-model';
import { compileEnvironment } from './compileEnvironment';
import {
  component,
  endpoint,
  environment,
  withSystems,
} from './__fixtures__/entities';

/** Cases the property tests (validation/validateDocuments.property.test.ts) found. */

const pipeline: Entity = {
  apiVersion: 'stagecraft.dev/v1alpha1',
  kind: 'DeploymentPipeline',
  metadata: { name: 'default', namespace: 'default' },
  spec: { stages: [{ environment: 'dev' }] },
};

describe('compileEnvironment on hostile names', () => {
  it('refuses a dependency on an endpoint whose component has no characters a Kubernetes name can use, instead of throwing', () => {
    const result = compileEnvironment({
      environment: 'dev',
      entities: withSystems([
        environment('dev'),
        pipeline,
        component('api', 'shop', { dependsOn: ['endpoint:⭥⑫-http'] }),
        component('⭥⑫', 'shop'),
        endpoint('⭥⑫-http', '⭥⑫'),
      ]),
    });
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({
        code: 'invalid-name',
        entityRef: 'component:default/api',
        path: 'spec.dependsOn[0]',
        message: expect.stringContaining('which can never be deployed'),
      }),
    );
    expect(result.manifests).toEqual([]);
  });
});
