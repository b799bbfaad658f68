import { KubernetesObject } from '@kubernetes/client-node';
import { LiveStateCache } from './LiveStateCache';
import { manifestDigest } from './ownedState';

const entry = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  namespace: 'shop-dev',
  name: 'api',
};
const desired = {
  apiVersion: entry.apiVersion,
  kind: entry.kind,
  metadata: { name: entry.name, namespace: entry.namespace },
  spec: { replicas: 2 },
};

function object(resourceVersion: string): KubernetesObject {
  return {
    ...desired,
    metadata: {
      ...desired.metadata,
      resourceVersion,
      managedFields: [
        {
          manager: 'stagecraft',
          operation: 'Apply',
          fieldsV1: { 'f:spec': { 'f:replicas': {} } },
        },
      ],
    },
  } as KubernetesObject;
}

describe('LiveStateCache.versionOf', () => {
  let current = true;
  const cache = new LiveStateCache('stagecraft');
  cache.attach({
    kinds: [{ apiVersion: 'apps/v1', kind: 'Deployment' }],
    current: () => current,
  });

  it('says the version the watch delivered, or our newer apply, and nothing it does not know', () => {
    expect(cache.versionOf(entry)).toBeUndefined();
    cache.observe({ type: 'ADDED', object: object('10') });
    expect(cache.versionOf(entry)).toBe('10');
    // Our apply answered version 12 before the watch delivered it.
    cache.remember(desired, manifestDigest(desired), object('12'));
    expect(cache.versionOf(entry)).toBe('12');
    cache.observe({ type: 'MODIFIED', object: object('15') });
    expect(cache.versionOf(entry)).toBe('15');
    expect(cache.versionOf({ ...entry, kind: 'CronJob' })).toBeUndefined();
  });

  it('says nothing while its watches are not current', () => {
    current = false;
    expect(cache.versionOf(entry)).toBeUndefined();
    current = true;
    expect(cache.versionOf(entry)).toBe('15');
  });
});
