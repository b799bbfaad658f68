import { Manifest } from '@stagecraft/plugin-stagecraft-node';
import { SyncRequest } from '../targets/DataPlane';

// Sync requests of a `shop` project in `dev` for GitOps target tests.

export const deployment = (name: string, image = 'shop/api:1'): Manifest => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'shop-dev' },
  spec: { template: { spec: { containers: [{ name, image }] } } },
});
export const service = (name: string): Manifest => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'shop-dev' },
  spec: { ports: [{ port: 80 }] },
});
export const namespace: Manifest = {
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name: 'shop-dev' },
};

export const request = (over: Partial<SyncRequest> = {}): SyncRequest => {
  const component = over.component ?? 'api';
  return {
    key: { componentRef: `component:default/${component}`, environment: 'dev' },
    project: 'shop',
    component,
    manifests: [deployment(component), service(component)],
    shared: [namespace],
    previous: [],
    undeploy: false,
    releaseId: '0123456789abcdef0123',
    actor: 'user:default/alice',
    ...over,
  };
};
