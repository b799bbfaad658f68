import { Entity } from '@backstage/catalog-model';
import { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { StagecraftEntitiesProcessor } from './StagecraftEntitiesProcessor';

const processor = new StagecraftEntitiesProcessor();
const location = { type: 'file', target: '/catalog/catalog-info.yaml' };

const stagecraft = (kind: string, spec: object): Entity => ({
  apiVersion: 'stagecraft.dev/v1alpha1',
  kind,
  metadata: { name: 'subject' },
  spec: spec as Entity['spec'],
});

const validEndpoint = {
  component: 'component:checkout-api',
  port: 8080,
  protocol: 'http',
  visibility: 'organization',
};
const validEnvironment = {
  target: 'local',
  gateway: { internalHost: 'dev.internal.example' },
};
const component = (spec: object): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-api', namespace: 'default' },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'team-payments',
    system: 'payments',
    ...spec,
  } as Entity['spec'],
});

async function postProcess(entity: Entity) {
  const emitted: CatalogProcessorResult[] = [];
  await processor.postProcessEntity(entity, location, result =>
    emitted.push(result),
  );
  return emitted;
}

describe('StagecraftEntitiesProcessor', () => {
  it('claims valid Stagecraft kinds', async () => {
    await expect(
      processor.validateEntityKind(stagecraft('Endpoint', validEndpoint)),
    ).resolves.toBe(true);
    await expect(
      processor.validateEntityKind(stagecraft('Environment', validEnvironment)),
    ).resolves.toBe(true);
    await expect(
      processor.validateEntityKind(
        stagecraft('DeploymentPipeline', {
          stages: [
            { environment: 'dev' },
            { environment: 'prod', requiresApproval: true },
          ],
        }),
      ),
    ).resolves.toBe(true);
    await expect(
      processor.validateEntityKind(
        stagecraft('ComponentType', { workload: 'deployment' }),
      ),
    ).resolves.toBe(true);
    await expect(
      processor.validateEntityKind(stagecraft('Trait', { description: 'HPA' })),
    ).resolves.toBe(true);
  });

  it('leaves other apiVersions to their own processors', async () => {
    await expect(
      processor.validateEntityKind({
        apiVersion: 'example.com/v1',
        kind: 'Environment',
        metadata: { name: 'dev' },
      }),
    ).resolves.toBe(false);
  });

  it.each([
    [
      'an unknown kind',
      stagecraft('Cluster', {}),
      /^kind: kind "Cluster" is not defined/,
    ],
    [
      'an endpoint without a component',
      stagecraft('Endpoint', { port: 80 }),
      /^spec\.component: /,
    ],
    [
      'a port out of range',
      stagecraft('Endpoint', { ...validEndpoint, port: 70000 }),
      /^spec\.port: .*65535/,
    ],
    [
      'an unknown protocol',
      stagecraft('Endpoint', { ...validEndpoint, protocol: 'smtp' }),
      /^spec\.protocol: /,
    ],
    [
      'an unknown visibility',
      stagecraft('Endpoint', { ...validEndpoint, visibility: 'internet' }),
      /^spec\.visibility: /,
    ],
    [
      'a base path without a slash',
      stagecraft('Endpoint', { ...validEndpoint, basePath: 'api' }),
      /^spec\.basePath: must start with "\/"/,
    ],
    [
      'an unknown field',
      stagecraft('Endpoint', { ...validEndpoint, colour: 'red' }),
      /^spec: .*colour/,
    ],
    [
      'an environment without a target',
      stagecraft('Environment', { gateway: validEnvironment.gateway }),
      /^spec\.target: /,
    ],
    [
      'a target that is not a label',
      stagecraft('Environment', { ...validEnvironment, target: 'Local_Dev' }),
      /^spec\.target: must be a DNS-1123 label/,
    ],
    [
      'an environment without a gateway host',
      stagecraft('Environment', { target: 'local', gateway: {} }),
      /^spec\.gateway\.internalHost: /,
    ],
    [
      'an unknown pod security level',
      stagecraft('Environment', {
        ...validEnvironment,
        policy: { podSecurity: 'lax' },
      }),
      /^spec\.policy\.podSecurity: /,
    ],
    [
      'a malformed default quantity',
      stagecraft('Environment', {
        ...validEnvironment,
        policy: {
          defaultResources: {
            requests: { cpu: 'lots', memory: '1Gi' },
            limits: { memory: '1Gi' },
          },
        },
      }),
      /^spec\.policy\.defaultResources\.requests\.cpu: must be a Kubernetes quantity/,
    ],
    [
      'an empty pipeline',
      stagecraft('DeploymentPipeline', { stages: [] }),
      /^spec\.stages: /,
    ],
    [
      'a pipeline visiting an environment twice',
      stagecraft('DeploymentPipeline', {
        stages: [{ environment: 'dev' }, { environment: 'dev' }],
      }),
      /^spec\.stages: an environment may appear only once/,
    ],
    [
      'an unknown workload',
      stagecraft('ComponentType', { workload: 'statefulset' }),
      /^spec\.workload: /,
    ],
    [
      'a trait with an unknown field',
      stagecraft('Trait', { colour: 'red' }),
      /^spec: .*colour/,
    ],
  ])('rejects %s with the field and reason', async (_name, entity, message) => {
    await expect(processor.validateEntityKind(entity)).rejects.toThrow(message);
  });

  it.each([
    [
      'an invalid env var name',
      { deploy: { image: 'r/app:1', env: { 'not-valid': 'x' } } },
      /^spec\.deploy\.env\.not-valid: Invalid key/,
    ],
    [
      'a secret value instead of a reference',
      { deploy: { image: 'r/app:1', secretEnv: { KEY: 'hunter2' } } },
      /^spec\.deploy\.secretEnv\.KEY: /,
    ],
    [
      'a malformed resource quantity',
      { deploy: { resources: { limits: { memory: 'a lot' } } } },
      /^spec\.deploy\.resources\.limits\.memory: must be a Kubernetes quantity/,
    ],
    [
      'negative replicas in an override',
      { deploy: { environments: { prod: { replicas: -1 } } } },
      /^spec\.deploy\.environments\.prod\.replicas: /,
    ],
    [
      'an unknown deploy field',
      { deploy: { privileged: true } },
      /^spec\.deploy: .*privileged/,
    ],
    [
      'a deployable component outside a project',
      { system: undefined, deploy: { image: 'r/app:1' } },
      /^spec\.system: a component with spec\.deploy must belong to a project/,
    ],
  ])(
    'reports a component deploy intent with %s as a processing error',
    async (_name, spec, message) => {
      const emitted = await postProcess(component(spec));
      const errors = emitted.filter(r => r.type === 'error');
      expect(errors).toHaveLength(1);
      expect((errors[0] as { error: Error }).error.message).toMatch(message);
    },
  );

  it('accepts a component without deploy intent and emits nothing for it', async () => {
    await expect(postProcess(component({}))).resolves.toEqual([]);
  });

  it('relates an endpoint and its component both ways', async () => {
    const emitted = await postProcess(stagecraft('Endpoint', validEndpoint));
    expect(emitted).toEqual([
      {
        type: 'relation',
        relation: {
          source: { kind: 'Endpoint', namespace: 'default', name: 'subject' },
          type: 'stagecraft-endpointOf',
          target: {
            kind: 'component',
            namespace: 'default',
            name: 'checkout-api',
          },
        },
      },
      {
        type: 'relation',
        relation: {
          source: {
            kind: 'component',
            namespace: 'default',
            name: 'checkout-api',
          },
          type: 'stagecraft-hasEndpoint',
          target: { kind: 'Endpoint', namespace: 'default', name: 'subject' },
        },
      },
    ]);
  });

  it('relates a pipeline and each of its environments both ways', async () => {
    const emitted = await postProcess(
      stagecraft('DeploymentPipeline', {
        stages: [{ environment: 'dev' }, { environment: 'staging' }],
      }),
    );
    const relations = emitted
      .map(r => (r as any).relation)
      .map(r => `${r.source.name} ${r.type} ${r.target.name}`);
    expect(relations).toEqual([
      'subject stagecraft-hasStage dev',
      'dev stagecraft-stageOf subject',
      'subject stagecraft-hasStage staging',
      'staging stagecraft-stageOf subject',
    ]);
  });

  it('relates a deployable component and its component type both ways', async () => {
    const emitted = await postProcess(
      component({ deploy: { image: 'registry.example/checkout:1' } }),
    );
    const relations = emitted
      .map(r => (r as any).relation)
      .map(
        r =>
          `${r.source.kind}:${r.source.name} ${r.type} ${r.target.kind}:${r.target.name}`,
      );
    expect(relations).toEqual([
      'Component:checkout-api stagecraft-ofType ComponentType:service',
      'ComponentType:service stagecraft-typeOf Component:checkout-api',
    ]);
  });

  it('annotates a deployable component for the stock Kubernetes plugin', async () => {
    const processed = await processor.postProcessEntity(
      component({ deploy: { image: 'registry.example/checkout:1' } }),
      location,
      () => {},
    );
    expect(processed.metadata.annotations).toMatchObject({
      'backstage.io/kubernetes-id': 'checkout-api',
      'backstage.io/kubernetes-label-selector':
        'app.kubernetes.io/managed-by=stagecraft,stagecraft.dev/project=payments,stagecraft.dev/component=checkout-api',
    });
  });
});
