import type { Entity } from '@backstage/catalog-model';

const STAGECRAFT = 'stagecraft.dev/v1alpha1';

export const system = (name: string, annotations?: object): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name, namespace: 'default', annotations: { ...annotations } },
  spec: { owner: 'group:default/team' },
});

export const component = (
  name: string,
  project: string,
  annotations?: object,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations: { ...annotations } },
  spec: { type: 'service', owner: 'group:default/team', system: project },
});

export const endpoint = (
  name: string,
  servedBy: string,
  visibility?: string,
): Entity => ({
  apiVersion: STAGECRAFT,
  kind: 'Endpoint',
  metadata: { name, namespace: 'default' },
  spec: {
    component: servedBy,
    port: 8080,
    ...(visibility ? { visibility } : {}),
  },
});

export const environment = (name: string, production = false): Entity => ({
  apiVersion: STAGECRAFT,
  kind: 'Environment',
  metadata: { name, namespace: 'default' },
  spec: { target: 'local', production },
});

export const pipeline = (
  name: string,
  stages: { environment: string; requiresApproval?: boolean }[],
): Entity => ({
  apiVersion: STAGECRAFT,
  kind: 'DeploymentPipeline',
  metadata: { name, namespace: 'default' },
  spec: { stages },
});

export const componentType = (
  name: string,
  spec: {
    servesEndpoints?: boolean;
    parameters?: object;
    description?: string;
  },
): Entity => ({
  apiVersion: STAGECRAFT,
  kind: 'ComponentType',
  metadata: { name, namespace: 'default', description: spec.description },
  spec: { workload: 'deployment', ...spec },
});

/**
 * Two projects: payments serves `ledger-http` to itself only and `payments-api` to the
 * organisation; storefront serves a public `shop-web`. An Endpoint of another plugin (same
 * kind, other apiVersion) must never be offered.
 */
export const twoProjects: Entity[] = [
  system('payments'),
  system('storefront'),
  component('ledger', 'payments'),
  component('payments-gateway', 'payments'),
  component('shop', 'storefront'),
  endpoint('ledger-http', 'ledger', 'project'),
  endpoint('payments-api', 'payments-gateway', 'organization'),
  endpoint('shop-web', 'shop', 'public'),
  // visibility left out: the default, project
  endpoint('shop-admin', 'shop'),
  {
    apiVersion: 'other.example/v1',
    kind: 'Endpoint',
    metadata: { name: 'foreign', namespace: 'default' },
    spec: { component: 'shop' },
  },
];
