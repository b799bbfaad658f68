import { parseAllDocuments } from 'yaml';
import { kwokConfigYaml } from './kwokConfig';
import { podLogLine } from './podLogLine';
import { kubeconfigYaml } from './kubeconfig';
import { parse } from 'yaml';

describe('kwokConfigYaml', () => {
  const docs = parseAllDocuments(kwokConfigYaml('/tmp/pods.log')).map(d =>
    d.toJS(),
  );

  it('defines node, pod and job stages and serves every pod log from the given file', () => {
    expect(docs.map(d => `${d.kind}/${d.metadata.name}`)).toEqual([
      'Stage/stagecraft-node-ready',
      'Stage/stagecraft-pod-ready',
      'Stage/stagecraft-job-pod-complete',
      'Stage/stagecraft-pod-delete',
      'Stage/stagecraft-pod-never-ready',
      'Stage/stagecraft-job-pod-fail',
      'Stage/stagecraft-pod-fail-crash-loop',
      'Stage/stagecraft-pod-fail-oom',
      'Stage/stagecraft-pod-fail-image-pull',
      'Stage/stagecraft-pod-fail-missing-image',
      'Stage/stagecraft-pod-fail-never-ready',
      'ClusterLogs/stagecraft-pod-logs',
    ]);
    expect(docs[docs.length - 1].spec.logs).toEqual([
      { logsFile: '/tmp/pods.log', follow: true },
    ]);
  });

  it('makes nodes advertise the kwok address and kubelet port', () => {
    const template: string = docs[0].spec.next.statusTemplate;
    expect(template).toContain(
      'type: InternalIP, address: {{ NodeIP | Quote }}',
    );
    expect(template).toContain('Port: {{ NodePort }}');
  });
});

describe('podLogLine', () => {
  it('writes the CRI log format kwok parses', () => {
    expect(podLogLine('hello', new Date('2026-11-25T10:00:00.000Z'))).toBe(
      '2026-11-25T10:00:00.000Z stdout F hello\n',
    );
  });
});

describe('kubeconfigYaml', () => {
  it('describes one context with the CA file and the token', () => {
    const config = parse(
      kubeconfigYaml({
        server: 'https://127.0.0.1:6443',
        caFile: '/ca.crt',
        token: 't0k',
      }),
    );
    expect(config['current-context']).toBe('stagecraft-local');
    expect(config.clusters[0].cluster).toEqual({
      server: 'https://127.0.0.1:6443',
      'certificate-authority': '/ca.crt',
    });
    expect(config.users[0].user).toEqual({ token: 't0k' });
  });
});
