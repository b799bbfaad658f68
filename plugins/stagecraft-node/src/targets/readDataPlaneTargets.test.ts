import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { resolve } from 'node:path';
import { readDataPlaneTargets } from './readDataPlaneTargets';

const read = (targets: JsonObject) =>
  readDataPlaneTargets(new ConfigReader({ stagecraft: { targets } }));

describe('readDataPlaneTargets', () => {
  it('returns no targets when none are configured', () => {
    expect(readDataPlaneTargets(new ConfigReader({}))).toEqual([]);
  });

  it('reads a gitops target and resolves its directory', () => {
    expect(
      read({ local: { type: 'gitops', directory: 'out/gitops' } }),
    ).toEqual([
      { type: 'gitops', name: 'local', directory: resolve('out/gitops') },
    ]);
  });

  it('reads a kubernetes target by URL and token', () => {
    expect(
      read({
        demo: {
          type: 'kubernetes',
          url: 'https://127.0.0.1:6443',
          token: 's3cret',
          caFile: '/tmp/ca.crt',
        },
      }),
    ).toEqual([
      {
        type: 'kubernetes',
        name: 'demo',
        connection: {
          type: 'url',
          url: 'https://127.0.0.1:6443',
          token: 's3cret',
          caFile: '/tmp/ca.crt',
          caData: undefined,
          skipTLSVerify: false,
        },
      },
    ]);
  });

  it('reads a kubernetes target by kubeconfig and context', () => {
    expect(
      read({
        demo: {
          type: 'kubernetes',
          kubeconfig: '/tmp/kubeconfig',
          context: 'admin',
        },
      }),
    ).toEqual([
      {
        type: 'kubernetes',
        name: 'demo',
        connection: {
          type: 'kubeconfig',
          file: '/tmp/kubeconfig',
          context: 'admin',
        },
      },
    ]);
  });

  it('rejects an unknown target type naming the key', () => {
    expect(() => read({ x: { type: 'nomad' } })).toThrow(
      'stagecraft.targets.x.type: unknown target type "nomad"',
    );
  });

  it('rejects a kubernetes target with neither url nor kubeconfig', () => {
    expect(() => read({ x: { type: 'kubernetes' } })).toThrow(
      'needs "url" or "kubeconfig"',
    );
  });

  it('rejects a kubernetes target with both url and kubeconfig', () => {
    expect(() =>
      read({
        x: { type: 'kubernetes', url: 'https://127.0.0.1', kubeconfig: '/k' },
      }),
    ).toThrow('not both');
  });

  it('rejects a URL that is not http(s)', () => {
    expect(() =>
      read({ x: { type: 'kubernetes', url: '127.0.0.1:6443' } }),
    ).toThrow('is not an http(s) URL');
  });

  it('rejects target names that are not DNS labels', () => {
    expect(() =>
      read({ Local_Dev: { type: 'gitops', directory: 'x' } }),
    ).toThrow('DNS-1123');
  });
});
