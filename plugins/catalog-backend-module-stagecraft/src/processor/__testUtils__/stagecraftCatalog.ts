import { Entity } from '@backstage/catalog-model';

/** A small Stagecraft catalog for the processor's and the reader's tests. */

export const stagecraft = (
  kind: string,
  name: string,
  spec: object,
): Entity => ({
  apiVersion: 'stagecraft.dev/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec: spec as Entity['spec'],
});
const resources = {
  requests: { cpu: '10m', memory: '16Mi' },
  limits: { memory: '64Mi' },
};
const environment = (name: string, max: number) =>
  stagecraft('Environment', name, {
    target: 'local',
    gateway: { internalHost: `${name}.internal.example` },
    policy: { defaultResources: resources, replicas: { min: 1, max } },
  });
export const component = (
  name: string,
  system: string,
  deploy: object,
  extra: object = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'team-a',
    system,
    deploy: { image: 'registry.example/app:1', ...deploy },
    ...extra,
  },
});

/** Environments, a pipeline, traits, Systems and a neighbouring project, as the catalog holds them. */
export const platform = [
  environment('dev', 5),
  environment('production', 3),
  stagecraft('DeploymentPipeline', 'default', {
    stages: [{ environment: 'dev' }, { environment: 'production' }],
  }),
  stagecraft('Trait', 'privileged', {
    patches: [
      {
        target: { kind: 'Deployment' },
        merge: {
          spec: {
            template: {
              spec: {
                containers: [
                  { name: 'main', securityContext: { privileged: true } },
                ],
              },
            },
          },
        },
      },
    ],
  }),
  component('ledger', 'billing', {}),
  stagecraft('Endpoint', 'ledger-http', {
    component: 'ledger',
    port: 8080,
    protocol: 'http',
    visibility: 'project',
  }),
  ...['shop', 'billing'].map(
    (name): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name, namespace: 'default' },
      spec: { owner: 'team-a' },
    }),
  ),
];

/** A trait that creates a ConfigMap of a fixed name: two components of a project collide. */
const sharedConfig = stagecraft('Trait', 'shared-config', {
  creates: [
    {
      id: 'cm',
      template: {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'shared' },
        data: { a: 'b' },
      },
    },
  ],
});
platform.push(sharedConfig);

/** Components that each break a rule only compiling finds (the last two together). */
export const hostile = [
  component('checkout', 'shop', { replicas: 4 }),
  component('cart', 'shop', {}, { dependsOn: ['endpoint:ledger-http'] }),
  component('debugger', 'shop', { traits: [{ name: 'privileged' }] }),
  component('first', 'shop', { traits: [{ name: 'shared-config' }] }),
  component('second', 'shop', { traits: [{ name: 'shared-config' }] }),
];
