import { Entity } from '@backstage/catalog-model';

/**
 * A small catalog for control-plane tests: one project with an API (serving an endpoint) and
 * a worker that depends on it, a dev → staging → production pipeline (production approved,
 * production-flagged), all on target `local`. `project` names the namespaces, so each test
 * run can use its own.
 */
export function testCatalog(
  project: string,
  o: { target?: string } = {},
): Entity[] {
  const target = o.target ?? 'local';
  const environment = (name: string, production = false): Entity => ({
    apiVersion: 'stagecraft.dev/v1alpha1',
    kind: 'Environment',
    metadata: { name, namespace: 'default' },
    spec: {
      target,
      production,
      gateway: { internalHost: `${name}.internal.example` },
      policy: {
        podSecurity: 'baseline',
        defaultResources: {
          requests: { cpu: '10m', memory: '16Mi' },
          limits: { memory: '64Mi' },
        },
      },
    },
  });
  return [
    environment('dev'),
    environment('staging'),
    environment('production', true),
    {
      apiVersion: 'stagecraft.dev/v1alpha1',
      kind: 'DeploymentPipeline',
      metadata: { name: 'default', namespace: 'default' },
      spec: {
        stages: [
          { environment: 'dev' },
          { environment: 'staging' },
          { environment: 'production', requiresApproval: true },
        ],
      },
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: project, namespace: 'default' },
      spec: { owner: 'team-a' },
    },
    {
      apiVersion: 'stagecraft.dev/v1alpha1',
      kind: 'Endpoint',
      metadata: { name: `${project}-api`, namespace: 'default' },
      spec: {
        component: 'api',
        protocol: 'http',
        port: 8080,
        visibility: 'project',
      },
    },
    component('api', project, { type: 'service' }),
    component('worker', project, {
      type: 'worker',
      dependsOn: [`endpoint:default/${project}-api`],
    }),
  ];
}

export function component(
  name: string,
  project: string,
  o: { type: string; dependsOn?: string[]; image?: string; replicas?: number },
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: {
      type: o.type,
      lifecycle: 'production',
      owner: 'team-a',
      system: project,
      ...(o.dependsOn ? { dependsOn: o.dependsOn } : {}),
      deploy: {
        image: o.image ?? `registry.example/${name}:1`,
        replicas: o.replicas ?? 2,
      },
    },
  };
}
