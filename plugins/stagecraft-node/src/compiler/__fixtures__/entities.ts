import { Entity, parseEntityRef } from '@backstage/catalog-model';

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

/** A System: a project, whose owner decides which components may join it. */
export const system = (
  name: string,
  owner: string = 'team',
  annotations?: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name, namespace: 'default', ...(annotations && { annotations }) },
  spec: { owner },
});

/**
 * `entities` plus the System of every project a component names that is not among them,
 * owned by that component's owner: a compile needs each project's System entity.
 */
export function withSystems(entities: Entity[]): Entity[] {
  const systems = new Map<string, Entity>();
  for (const entity of entities) {
    const written = entity.spec?.system;
    if (entity.kind !== 'Component' || typeof written !== 'string') continue;
    const { name } = parseEntityRef(written, { defaultKind: 'System' });
    const has = (e: Entity) => e.kind === 'System' && e.metadata.name === name;
    if (!entities.some(has) && !systems.has(name))
      systems.set(name, system(name, String(entity.spec?.owner)));
  }
  return [...entities, ...systems.values()];
}
