import { KubernetesObject } from '@kubernetes/client-node';
import { Manifest } from '@stagecraft/plugin-stagecraft-node';
import { LiveStateCache } from '../apply/LiveStateCache';
import { manifestDigest } from '../apply/ownedState';
import type { Deployment } from '../database/DeploymentStore';
import { presenceByEnvironment, SteadyDeployments } from './steadyState';

const manifest: Manifest = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'api', namespace: 'shop-dev' },
  data: { a: '1' },
};

/** The ConfigMap as the server holds it, `data.a` owned by `manager`. */
const live = (resourceVersion: string, a: string, manager = 'stagecraft') =>
  ({
    ...manifest,
    data: { a },
    metadata: {
      ...manifest.metadata,
      resourceVersion,
      managedFields: [
        {
          manager,
          operation: manager === 'stagecraft' ? 'Apply' : 'Update',
          fieldsV1: { 'f:data': { 'f:a': {} } },
        },
      ],
    },
  } as KubernetesObject);

function cacheWithApplied() {
  const cache = new LiveStateCache('stagecraft');
  cache.attach({
    kinds: [{ apiVersion: 'v1', kind: 'ConfigMap' }],
    current: () => true,
  });
  cache.remember(manifest, manifestDigest(manifest), live('7', '1'));
  cache.observe({ type: 'ADDED', object: live('7', '1') });
  return cache;
}

describe('SteadyDeployments', () => {
  it('is at rest only with the inputs it recorded and every object up to date', () => {
    const steady = new SteadyDeployments();
    const liveState = cacheWithApplied();
    expect(steady.atRest('api@dev', 'inputs-1')).toBe(false);
    steady.record('api@dev', {
      inputs: 'inputs-1',
      liveState,
      manifests: [manifest],
    });
    expect(steady.atRest('api@dev', 'inputs-1')).toBe(true);
    expect(steady.atRest('api@dev', 'inputs-2')).toBe(false);

    // Someone else changed a field we own: no longer at rest.
    liveState.observe({ type: 'MODIFIED', object: live('8', '2', 'kubectl') });
    expect(steady.atRest('api@dev', 'inputs-1')).toBe(false);
  });

  it('knows nothing at rest for a target without a cache, or once forgotten', () => {
    const steady = new SteadyDeployments();
    steady.record('api@dev', { inputs: 'i', manifests: [manifest] });
    expect(steady.atRest('api@dev', 'i')).toBe(false);
    steady.record('api@dev', {
      inputs: 'i',
      liveState: cacheWithApplied(),
      manifests: [manifest],
    });
    steady.forget('api@dev');
    expect(steady.atRest('api@dev', 'i')).toBe(false);
  });
});

describe('presenceByEnvironment', () => {
  const deployment = (
    componentRef: string,
    environment: string,
    desiredState: Deployment['desiredState'] = 'deployed',
  ) => ({ componentRef, environment, desiredState } as Deployment);

  it('changes when a component arrives in or leaves an environment, not with the order', () => {
    const before = presenceByEnvironment([
      deployment('a', 'dev'),
      deployment('b', 'dev'),
      deployment('a', 'staging'),
    ]);
    const reordered = presenceByEnvironment([
      deployment('a', 'staging'),
      deployment('b', 'dev'),
      deployment('a', 'dev'),
    ]);
    expect(reordered).toEqual(before);
    const left = presenceByEnvironment([
      deployment('a', 'dev'),
      deployment('b', 'dev', 'undeployed'),
      deployment('a', 'staging'),
    ]);
    expect(left.get('dev')).not.toBe(before.get('dev'));
    expect(left.get('staging')).toBe(before.get('staging'));
  });
});
