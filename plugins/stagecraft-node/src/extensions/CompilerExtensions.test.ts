import {
  createBackendModule,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import { compileEnvironment } from '../compiler/compileEnvironment';
import {
  component,
  environment,
  withSystems,
} from '../compiler/__fixtures__/entities';
import { CompilerExtensions } from './CompilerExtensions';
import { stagecraftCompilerExtensionPoint } from './extensionPoint';

describe('stagecraftCompilerExtensionPoint', () => {
  it('lets a backend module register traits and policies the compiler then applies', async () => {
    const extensions = new CompilerExtensions();
    const host = createBackendPlugin({
      pluginId: 'stagecraft',
      register(env) {
        env.registerExtensionPoint(
          stagecraftCompilerExtensionPoint,
          extensions,
        );
        env.registerInit({ deps: {}, async init() {} });
      },
    });
    const module = createBackendModule({
      pluginId: 'stagecraft',
      moduleId: 'acme',
      register(reg) {
        reg.registerInit({
          deps: { compiler: stagecraftCompilerExtensionPoint },
          async init({ compiler }) {
            compiler.addTraits({
              'team-annotation': {
                patches: [
                  {
                    target: { kind: 'Deployment' },
                    merge: {
                      metadata: {
                        annotations: { team: '${component.project}' },
                      },
                    },
                  },
                ],
              },
            });
            compiler.addPolicies({
              name: 'no-latest-tag',
              check: ({ manifests }) =>
                manifests
                  .filter(
                    m =>
                      m.kind === 'Deployment' &&
                      JSON.stringify(m).includes(':latest"'),
                  )
                  .map(m => `${m.metadata.name} uses a :latest image`),
            });
          },
        });
      },
    });
    await startTestBackend({ features: [host, module] });

    const ok = compileEnvironment({
      entities: withSystems([
        environment('dev'),
        component('api', 'shop', {
          deploy: { image: 'r/api:1', traits: [{ name: 'team-annotation' }] },
        }),
      ]),
      environment: 'dev',
      extensions,
    });
    expect(ok.diagnostics).toEqual([]);
    expect(
      ok.manifests.find(m => m.kind === 'Deployment')?.metadata.annotations,
    ).toEqual({ team: 'shop' });

    const bad = compileEnvironment({
      entities: withSystems([
        environment('dev'),
        component('api', 'shop', { deploy: { image: 'r/api:latest' } }),
      ]),
      environment: 'dev',
      extensions,
    });
    expect(bad.diagnostics.map(d => d.message)).toEqual([
      'component:default/api: policy "no-latest-tag": api uses a :latest image',
    ]);
    expect(bad.manifests).toEqual([]);
  });

  it('rejects an invalid trait at registration', () => {
    expect(() =>
      new CompilerExtensions().addTraits({ broken: { creates: 'nope' } }),
    ).toThrow();
  });
});
