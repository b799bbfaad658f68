import { KubernetesObject } from '@kubernetes/client-node';
import { Manifest } from '@stagecraft/plugin-stagecraft-node';
import { LiveStateCache, olderThan } from './LiveStateCache';
import { manifestDigest } from './ownedState';

const desired: Manifest = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'api', namespace: 'shop-dev' },
  data: { a: '1' },
};
const digest = manifestDigest(desired);

/** The ConfigMap as the server returns it, with `data` and the owners of its fields. */
function live(
  resourceVersion: string,
  data: Record<string, string>,
  owners: { manager: string; operation: string; keys: string[] }[] = [
    { manager: 'stagecraft', operation: 'Apply', keys: Object.keys(data) },
  ],
): KubernetesObject {
  return {
    ...desired,
    metadata: {
      ...desired.metadata,
      resourceVersion,
      managedFields: owners.map(o => ({
        manager: o.manager,
        operation: o.operation,
        fieldsV1: {
          'f:data': Object.fromEntries(o.keys.map(k => [`f:${k}`, {}])),
        },
      })),
    },
    data,
  } as KubernetesObject;
}

function attached(current = () => true) {
  const cache = new LiveStateCache('stagecraft');
  cache.attach({ kinds: [{ apiVersion: 'v1', kind: 'ConfigMap' }], current });
  return cache;
}

describe('LiveStateCache', () => {
  it('knows nothing until attached to a current source', () => {
    const cache = new LiveStateCache('stagecraft');
    expect(cache.recall(desired, digest)).toBe('unknown');
    let current = false;
    cache.attach({
      kinds: [{ apiVersion: 'v1', kind: 'ConfigMap' }],
      current: () => current,
    });
    expect(cache.recall(desired, digest)).toBe('unknown');
    current = true;
    expect(cache.recall(desired, digest)).toBe('absent');
  });

  it('says nothing of kinds its source does not watch', () => {
    const cache = attached();
    expect(
      cache.recall({ ...desired, kind: 'Secret' }, manifestDigest(desired)),
    ).toBe('unknown');
  });

  it('is up to date once the watch delivers the version the applier found up to date', () => {
    const cache = attached();
    cache.remember(desired, digest, live('10', { a: '1' }));
    // The watch has not delivered the apply yet: a read, never a second write.
    expect(cache.recall(desired, digest)).toBe('unknown');
    cache.observe({ type: 'ADDED', object: live('10', { a: '1' }) });
    expect(cache.recall(desired, digest)).toBe('up-to-date');
    // Another desired object is not judged by this verdict.
    const other = { ...desired, data: { a: '2' } };
    expect(cache.recall(other, manifestDigest(other))).toBe('unknown');
  });

  it('records no verdict for a live state that differs from the desired one', () => {
    const cache = attached();
    const stale = live('10', { a: '0' });
    cache.observe({ type: 'ADDED', object: stale });
    cache.remember(desired, digest, stale);
    expect(cache.recall(desired, digest)).toBe('unknown');
  });

  it('sees an edit of a field we own, and ignores one of fields others own', () => {
    const cache = attached();
    cache.observe({ type: 'ADDED', object: live('10', { a: '1' }) });
    cache.remember(desired, digest, live('10', { a: '1' }));
    cache.observe({
      type: 'MODIFIED',
      object: live('11', { a: '1', b: 'x' }, [
        { manager: 'stagecraft', operation: 'Apply', keys: ['a'] },
        { manager: 'kubectl-edit', operation: 'Update', keys: ['b'] },
      ]),
    });
    expect(cache.recall(desired, digest)).toBe('up-to-date');
    cache.observe({
      type: 'MODIFIED',
      object: live('12', { a: '5' }, [
        { manager: 'kubectl-edit', operation: 'Update', keys: ['a'] },
      ]),
    });
    expect(cache.recall(desired, digest)).toBe('unknown');
  });

  // A missed edit would leave e.g. a loosened NetworkPolicy in place until the next change.
  const two: Manifest = { ...desired, data: { a: '1', c: '3' } };
  const twoDigest = manifestDigest(two);

  it('sees an edit that takes one of the fields we own while we keep others', () => {
    const cache = attached();
    cache.observe({ type: 'ADDED', object: live('10', { a: '1', c: '3' }) });
    cache.remember(two, twoDigest, live('10', { a: '1', c: '3' }));
    expect(cache.recall(two, twoDigest)).toBe('up-to-date');
    cache.observe({
      type: 'MODIFIED',
      object: live('11', { a: '5', c: '3' }, [
        { manager: 'stagecraft', operation: 'Apply', keys: ['c'] },
        { manager: 'kubectl-edit', operation: 'Update', keys: ['a'] },
      ]),
    });
    expect(cache.recall(two, twoDigest)).toBe('unknown');
  });

  it('sees a changed value even when the managed fields still name us (a client may write them)', () => {
    const cache = attached();
    cache.observe({ type: 'ADDED', object: live('10', { a: '1', c: '3' }) });
    cache.remember(two, twoDigest, live('10', { a: '1', c: '3' }));
    cache.observe({
      type: 'MODIFIED',
      object: live('11', { a: '5', c: '3' }),
    });
    expect(cache.recall(two, twoDigest)).toBe('unknown');
  });

  it('ignores an event older than what it holds', () => {
    const cache = attached();
    cache.observe({ type: 'ADDED', object: live('10', { a: '1' }) });
    cache.remember(desired, digest, live('10', { a: '1' }));
    cache.observe({ type: 'MODIFIED', object: live('9', { a: '0' }) });
    expect(cache.recall(desired, digest)).toBe('up-to-date');
  });

  it('is absent after a deletion, and after we forget what we deleted', () => {
    const cache = attached();
    cache.observe({ type: 'ADDED', object: live('10', { a: '1' }) });
    cache.remember(desired, digest, live('10', { a: '1' }));
    cache.observe({ type: 'DELETED', object: live('11', { a: '1' }) });
    expect(cache.recall(desired, digest)).toBe('absent');

    cache.observe({ type: 'ADDED', object: live('12', { a: '1' }) });
    cache.remember(desired, digest, live('12', { a: '1' }));
    cache.forget({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      namespace: 'shop-dev',
      name: 'api',
    });
    expect(cache.recall(desired, digest)).toBe('absent');
  });

  it('keeps the verdict of a recreate over the late deletion of the object before it', () => {
    const cache = attached();
    cache.observe({ type: 'ADDED', object: live('10', { a: '1' }) });
    cache.remember(desired, digest, live('20', { a: '1' }));
    cache.observe({ type: 'DELETED', object: live('15', { a: '1' }) });
    expect(cache.recall(desired, digest)).toBe('unknown');
    cache.observe({ type: 'ADDED', object: live('20', { a: '1' }) });
    expect(cache.recall(desired, digest)).toBe('up-to-date');
  });

  it('orders resourceVersions as the integers the API server serves, anything else never older', () => {
    expect(olderThan('9', '10')).toBe(true);
    expect(olderThan('10', '9')).toBe(false);
    expect(olderThan('10', '10')).toBe(false);
    expect(olderThan('abc', '10')).toBe(false);
    expect(olderThan(undefined, '10')).toBe(false);
  });
});
