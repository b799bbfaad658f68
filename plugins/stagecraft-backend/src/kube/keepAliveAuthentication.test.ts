import {
  HttpMethod,
  KubeConfig,
  RequestContext,
} from '@kubernetes/client-node';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  it('reads certificate files at most once per interval, and uses a rotated one after it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keep-alive-'));
    try {
      const caFile = join(dir, 'ca.crt');
      writeFileSync(caFile, 'ca-1');
      const kc = new KubeConfig();
      kc.loadFromOptions({
        clusters: [{ name: 'c', server: 'https://127.0.0.1:6443', caFile }],
        users: [{ name: 'u', token: 't1' }],
        contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
        currentContext: 'x',
      });
      let now = 1_000;
      jest.spyOn(Date, 'now').mockImplementation(() => now);
      const auth = keepAliveAuthentication(kc, { tlsFilesTtlMs: 10_000 });
      const first = request();
      await auth.applySecurityAuthentication(first);
      expect(String((first.getAgent() as any).options.ca)).toBe('ca-1');

      writeFileSync(caFile, 'ca-2');
      now += 9_000;
      const within = request();
      await auth.applySecurityAuthentication(within);
      expect(within.getAgent()).toBe(first.getAgent());
      expect(within.getHeaders().Authorization).toBe('Bearer t1');

      now += 2_000;
      const after = request();
      await auth.applySecurityAuthentication(after);
      expect(after.getAgent()).not.toBe(first.getAgent());
      expect(String((after.getAgent() as any).options.ca)).toBe('ca-2');
    } finally {
      jest.restoreAllMocks();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
