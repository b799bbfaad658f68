import { compileEnvironment } from './compileEnvironment';
import {
  component,
  endpoint,
  environment,
  withSystems,
} from './__fixtures__/entities';

const errors = (
  entities: Parameters<typeof compileEnvironment>[0]['entities'],
) =>
  compileEnvironment({
    entities: withSystems(entities),
    environment: 'dev',
  }).diagnostics.filter(d => d.severity === 'error');

describe('entity names the compiler will not rewrite', () => {
  it('refuses a component named with upper case and underscores instead of hashing it', () => {
    const result = compileEnvironment({
      entities: withSystems([
        environment('dev'),
        component('Payments_API', 'shop'),
      ]),
      environment: 'dev',
    });
    expect(result.manifests).toEqual([]);
    expect(result.diagnostics).toEqual([
      {
        severity: 'error',
        code: 'invalid-name',
        entityRef: 'component:default/payments_api',
        path: 'metadata.name',
        environment: 'dev',
        message: expect.stringMatching(
          /"Payments_API" cannot be used in Kubernetes names: .*e\.g\. "payments-api"$/,
        ),
      },
    ]);
  });

  it('refuses a project, an endpoint and an environment named so', () => {
    expect(
      errors([environment('dev'), component('api', 'Web_Shop')]).map(
        d => d.path,
      ),
    ).toEqual(['spec.system']);
    expect(
      errors([
        environment('dev'),
        component('api', 'shop'),
        endpoint('API_v2', 'api'),
      ]).map(d => `${d.entityRef} ${d.path}`),
    ).toEqual(['endpoint:default/api_v2 metadata.name']);
    expect(
      compileEnvironment({
        entities: withSystems([environment('Dev'), component('api', 'shop')]),
        environment: 'Dev',
      }).diagnostics.map(d => d.code),
    ).toEqual(['invalid-name']);
  });

  it('still truncates a combined name longer than 63 characters with a hash (documented)', () => {
    const project = 'p'.repeat(60);
    const result = compileEnvironment({
      entities: withSystems([environment('dev'), component('api', project)]),
      environment: 'dev',
    });
    const namespace = result.manifests.find(m => m.kind === 'Namespace');
    expect(namespace?.metadata.name).toMatch(/^p{54}-[a-z0-9]{8}$/);
  });
});
