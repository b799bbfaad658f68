import { KubernetesObject } from '@kubernetes/client-node';
import { ObjectCache } from './ObjectCache';

const object = (
  namespace: string,
  name: string,
  group?: string,
): KubernetesObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { namespace, name, labels: group ? { group } : {} },
});

function cache() {
  return new ObjectCache<string>({
    project: o => `${o.metadata?.namespace}/${o.metadata?.name}`,
    groupOf: o => o.metadata?.labels?.group,
  });
}

describe('ObjectCache', () => {
  it('keeps objects by name and group, and forgets them when deleted', () => {
    const c = cache();
    c.apply({ type: 'ADDED', object: object('a', 'p1', 'api') });
    c.apply({ type: 'ADDED', object: object('a', 'p2', 'api') });
    c.apply({ type: 'ADDED', object: object('b', 'p3') });

    expect(c.get('a', 'p1')).toBe('a/p1');
    expect(c.inGroup('api').sort()).toEqual(['a/p1', 'a/p2']);
    expect(c.namespaces().sort()).toEqual(['a', 'b']);

    // A relist's tombstone carries the identity only.
    c.apply({
      type: 'DELETED',
      object: { metadata: { namespace: 'a', name: 'p1' } },
    });
    c.apply({ type: 'DELETED', object: object('b', 'p3') });

    expect(c.get('a', 'p1')).toBeUndefined();
    expect(c.inGroup('api')).toEqual(['a/p2']);
    expect(c.namespaces()).toEqual(['a']);
    expect(c.all()).toEqual(['a/p2']);
  });

  it('moves an object whose group changed', () => {
    const c = cache();
    c.apply({ type: 'ADDED', object: object('a', 'p1', 'api') });
    c.apply({ type: 'MODIFIED', object: object('a', 'p1', 'worker') });

    expect(c.inGroup('api')).toEqual([]);
    expect(c.inGroup('worker')).toEqual(['a/p1']);
    expect(c.namespaces()).toEqual(['a']);
  });
});
