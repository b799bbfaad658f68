import {
  HttpMethod,
  KubeConfig,
  RequestContext,
} from '@kubernetes/client-node';
import { keepAliveAuthentication } from './keepAliveAuthentication';

function kubeConfig(ca: string, token: string) {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [
      {
        name: 'c',
        server: 'https://127.0.0.1:6443',
        caData: Buffer.from(ca).toString('base64'),
        skipTLSVerify: false,
      },
    ],
    users: [{ name: 'u', token }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  });
  return kc;
}

const request = () =>
  new RequestContext(
    'https://127.0.0.1:6443/api/v1/namespaces',
    HttpMethod.GET,
  );

describe('keepAliveAuthentication', () => {
  it('reuses one keep-alive agent and still sets the token on every request', async () => {
    const auth = keepAliveAuthentication(kubeConfig('ca-1', 't1'));
    const first = request();
    const second = request();
    await auth.applySecurityAuthentication(first);
    await auth.applySecurityAuthentication(second);
    expect(first.getAgent()).toBe(second.getAgent());
    expect((first.getAgent() as any).keepAlive).toBe(true);
    expect(second.getHeaders().Authorization).toBe('Bearer t1');
  });

  it('replaces the agent when the TLS material changes', async () => {
    const kc = kubeConfig('ca-1', 't1');
    const auth = keepAliveAuthentication(kc);
    const before = request();
    await auth.applySecurityAuthentication(before);
    (kc.clusters[0] as any).caData = Buffer.from('ca-2').toString('base64');
    const after = request();
    await auth.applySecurityAuthentication(after);
    expect(after.getAgent()).not.toBe(before.getAgent());
  });
});
