import {
  KubeConfig,
  KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
} from '@kubernetes/client-node';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { findRepoRoot } from './binaries';

/**
 * Registers the API types Stagecraft's output uses beyond core Kubernetes, so a local cluster
 * accepts every compiled manifest: today Gateway API's HTTPRoute, as our own minimal CRD
 * (`addons/httproute-crd.yaml`; no gateway controller runs here). Resolves once the API server
 * serves the type.
 */
export async function installAddons(
  kubeConfig: KubeConfig,
  options: { demoVolumes?: boolean } = {},
): Promise<void> {
  const api = KubernetesObjectApi.makeApiClient(kubeConfig);
  // The demo has no storage provisioner: a few pre-made volumes let claims (the example's
  // persistent-volume trait) bind, so their pods schedule. Tests do not need them.
  for (const volume of options.demoVolumes ? demoVolumes(4) : []) {
    await api.patch(
      volume,
      undefined,
      undefined,
      'stagecraft-test-cluster',
      true,
      PatchStrategy.ServerSideApply,
    );
  }
  const crd = parse(
    await readFile(
      join(
        findRepoRoot(),
        'packages',
        'test-cluster',
        'addons',
        'httproute-crd.yaml',
      ),
      'utf8',
    ),
  ) as KubernetesObject;
  await api.patch(
    crd,
    undefined,
    undefined,
    'stagecraft-test-cluster',
    true,
    PatchStrategy.ServerSideApply,
  );
  for (let i = 0; i < 100; i++) {
    const served = await api
      .list('gateway.networking.k8s.io/v1', 'HTTPRoute')
      .then(
        () => true,
        () => false,
      );
    if (served) return;
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error('the HTTPRoute CRD was not served within 10 s');
}

function demoVolumes(count: number): KubernetesObject[] {
  return Array.from({ length: count }, (_, i) => ({
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: `stagecraft-demo-${i + 1}` },
    spec: {
      capacity: { storage: '20Gi' },
      accessModes: ['ReadWriteOnce'],
      persistentVolumeReclaimPolicy: 'Retain',
      storageClassName: '',
      // Never mounted: kwok's nodes run no containers.
      hostPath: { path: `/var/lib/stagecraft-demo/pv-${i + 1}` },
    },
  })) as KubernetesObject[];
}
