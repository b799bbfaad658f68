import { createMockDirectory } from '@backstage/backend-test-utils';
import { kubeConfigForTarget } from './kubeConfigForTarget';

describe('kubeConfigForTarget', () => {
  const dir = createMockDirectory();

  it('builds a context from URL, token and PEM CA data', () => {
    const kc = kubeConfigForTarget({
      type: 'kubernetes',
      name: 'demo',
      connection: {
        type: 'url',
        url: 'https://127.0.0.1:6443',
        token: 't0k',
        caData: '-----BEGIN CERTIFICATE-----',
        skipTLSVerify: false,
      },
    });
    expect(kc.getCurrentCluster()).toMatchObject({
      server: 'https://127.0.0.1:6443',
      caData: Buffer.from('-----BEGIN CERTIFICATE-----').toString('base64'),
    });
    expect(kc.getCurrentUser()?.token).toBe('t0k');
  });

  it('fails at once when the CA file is missing', () => {
    expect(() =>
      kubeConfigForTarget({
        type: 'kubernetes',
        name: 'demo',
        connection: {
          type: 'url',
          url: 'https://127.0.0.1:6443',
          caFile: dir.resolve('missing.crt'),
          skipTLSVerify: false,
        },
      }),
    ).toThrow(/ENOENT/);
  });

  it('loads a kubeconfig file and selects the context', () => {
    dir.setContent({
      kubeconfig: `apiVersion: v1
kind: Config
clusters: [{ name: a, cluster: { server: 'https://127.0.0.1:1' } }, { name: b, cluster: { server: 'https://127.0.0.1:2' } }]
users: [{ name: u, user: { token: x } }]
contexts: [{ name: one, context: { cluster: a, user: u } }, { name: two, context: { cluster: b, user: u } }]
current-context: one
`,
    });
    const kc = kubeConfigForTarget({
      type: 'kubernetes',
      name: 'demo',
      connection: {
        type: 'kubeconfig',
        file: dir.resolve('kubeconfig'),
        context: 'two',
      },
    });
    expect(kc.getCurrentCluster()?.server).toBe('https://127.0.0.1:2');
  });
});
