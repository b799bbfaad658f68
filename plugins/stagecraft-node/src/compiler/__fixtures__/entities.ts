import { Entity } from '@backstage/catalog-model';

/** Small entity builders for compiler tests. */

export const environment = (
  name: string,
  spec: Record<string, unknown> = {},
): Entity => ({
  apiVersion: 'stagecraft.dev/v1alpha1',
  kind: 'Environment',
  metadata: { name, namespace: 'default' },
  spec: {
    target: 'local',
    gateway: {
      internalHost: `${name}.internal.example`,
      publicHost: `${name}.example`,
    },
    policy: {
      defaultResources: {
        requests: { cpu: '10m', memory: '16Mi' },
        limits: { memory: '64Mi' },
      },
    },
    ...spec,
  },
});

export const component = (
  name: string,
  system: string,
  spec: Record<string, unknown> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'team',
    system,
    deploy: { image: `registry.example/${name}:1` },
    ...spec,
  },
});

export const endpoint = (
  name: string,
  componentName: string,
  spec: Record<string, unknown> = {},
): Entity => ({
  apiVersion: 'stagecraft.dev/v1alpha1',
  kind: 'Endpoint',
  metadata: { name, namespace: 'default' },
  spec: {
    component: componentName,
    port: 8080,
    protocol: 'http',
    visibility: 'project',
    ...spec,
  },
});
