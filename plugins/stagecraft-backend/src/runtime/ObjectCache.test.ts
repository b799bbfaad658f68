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

  it('keeps at most maxObjects, dropping the one least recently added or changed', () => {
    const c = new ObjectCache<string>({
      project: o => `${o.metadata?.name}@${o.metadata?.labels?.group ?? ''}`,
      groupOf: o => o.metadata?.labels?.group,
      maxObjects: 3,
    });
    c.apply({ type: 'ADDED', object: object('a', 'e1', 'x') });
    c.apply({ type: 'ADDED', object: object('a', 'e2') });
    c.apply({ type: 'ADDED', object: object('b', 'e3') });
    // e1 changes: now e2 is the stalest.
    c.apply({ type: 'MODIFIED', object: object('a', 'e1', 'y') });
    c.apply({ type: 'ADDED', object: object('b', 'e4') });

    expect(c.all().sort()).toEqual(['e1@y', 'e3@', 'e4@']);
    expect(c.get('a', 'e2')).toBeUndefined();
    expect(c.inGroup('x')).toEqual([]);
    expect(c.inGroup('y')).toEqual(['e1@y']);
    expect(c.namespaces().sort()).toEqual(['a', 'b']);

    // A thousand more: still three, the newest.
    for (let i = 0; i < 1000; i++)
      c.apply({ type: 'ADDED', object: object('c', `s${i}`) });
    expect(c.all().sort()).toEqual(['s997@', 's998@', 's999@']);
    expect(c.namespaces()).toEqual(['c']);
  });
});
