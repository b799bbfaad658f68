import { compileEnvironment } from './compileEnvironment';
import {
  component,
  endpoint,
  environment,
  withSystems,
} from './__fixtures__/entities';
import { Manifest } from './types';

const find = (manifests: Manifest[], kind: string, name: string) =>
  manifests.find(m => m.kind === kind && m.metadata.name === name);
const codes = (result: ReturnType<typeof compileEnvironment>) =>
  result.diagnostics.map(d => `${d.severity}:${d.code}`);

describe('compileEnvironment', () => {
  it('injects URL, host and port of each dependency, with an overridable prefix', () => {
    const { manifests } = compileEnvironment({
      entities: withSystems([
        environment('dev'),
        component('api', 'shop'),
        endpoint('api-http', 'api', { basePath: '/v2' }),
        component('web', 'shop', {
          dependsOn: ['endpoint:api-http'],
          deploy: {
            image: 'r/web:1',
            connections: { 'endpoint:api-http': { envPrefix: 'BACKEND' } },
          },
        }),
      ]),
      environment: 'dev',
    });
    expect((find(manifests, 'ConfigMap', 'web-env') as any).data).toEqual({
      BACKEND_HOST: 'api.shop-dev.svc.cluster.local',
      BACKEND_PORT: '8080',
      BACKEND_URL: 'http://api.shop-dev.svc.cluster.local:8080/v2',
    });
  });

  it('reports a dependency on an undeployed component as a pending connection, not a failure', () => {
    const result = compileEnvironment({
      entities: withSystems([
        environment('dev'),
        component('legacy', 'shop', { deploy: undefined }),
        endpoint('legacy-tcp', 'legacy', { protocol: 'tcp', port: 7000 }),
        component('sync', 'shop', {
          type: 'worker',
          dependsOn: ['endpoint:legacy-tcp'],
        }),
      ]),
      environment: 'dev',
    });
    expect(codes(result)).toEqual(['pending:pending-connection']);
    expect(find(result.manifests, 'Deployment', 'sync')).toBeDefined();
    expect(
      (find(result.manifests, 'ConfigMap', 'sync-env') as any).data
        .LEGACY_TCP_URL,
    ).toBe('tcp://legacy.shop-dev.svc.cluster.local:7000');
  });

  it('references secrets with secretKeyRef and never carries a value', () => {
    const { manifests } = compileEnvironment({
      entities: withSystems([
        environment('dev'),
        component('api', 'shop', {
          deploy: {
            image: 'r/api:1',
            secretEnv: { DB_PASSWORD: { secret: 'db', key: 'password' } },
          },
        }),
      ]),
      environment: 'dev',
    });
    const container = (find(manifests, 'Deployment', 'api') as any).spec
      .template.spec.containers[0];
    expect(container.env).toEqual([
      {
        name: 'DB_PASSWORD',
        valueFrom: { secretKeyRef: { name: 'db', key: 'password' } },
      },
    ]);
    expect(
      JSON.stringify((find(manifests, 'ConfigMap', 'api-env') as any).data),
    ).not.toContain('DB_PASSWORD');
  });

  it('compiles a scheduled job to a CronJob', () => {
    const { manifests } = compileEnvironment({
      entities: withSystems([
        environment('dev'),
        component('nightly', 'shop', {
          type: 'scheduled-job',
          deploy: { image: 'r/n:1', schedule: '0 3 * * *' },
        }),
      ]),
      environment: 'dev',
    });
    expect((find(manifests, 'CronJob', 'nightly') as any).spec.schedule).toBe(
      '0 3 * * *',
    );
    expect(find(manifests, 'Deployment', 'nightly')).toBeUndefined();
  });

  it.each([
    [
      'an image from a registry the environment does not allow',
      { policy: { allowedRegistries: ['registry.acme.example'] } },
      {},
      'registry-not-allowed',
    ],
    [
      'missing resources without defaults',
      { policy: { requireResources: true } },
      {},
      'resources-required',
    ],
    [
      'replicas above the bound',
      {
        policy: {
          replicas: { min: 1, max: 2 },
          defaultResources: {
            requests: { cpu: '1m', memory: '1Mi' },
            limits: { memory: '1Mi' },
          },
        },
      },
      { replicas: 5 },
      'replicas-out-of-bounds',
    ],
  ])('enforces policy: %s is an error', (_name, envSpec, deploy, code) => {
    const result = compileEnvironment({
      entities: withSystems([
        environment('prod', envSpec),
        component('api', 'shop', {
          deploy: { image: 'docker.io/api:1', ...deploy },
        }),
      ]),
      environment: 'prod',
    });
    expect(codes(result)).toContain(`error:${code}`);
    expect(result.manifests).toEqual([]);
  });

  it('runs every container non-root with a read-only root filesystem and no privilege escalation', () => {
    const { manifests } = compileEnvironment({
      entities: withSystems([environment('dev'), component('api', 'shop')]),
      environment: 'dev',
    });
    const pod = (find(manifests, 'Deployment', 'api') as any).spec.template
      .spec;
    expect(pod.securityContext).toEqual({
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(pod.containers[0].securityContext).toEqual({
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
    });
  });

  it('applies the environment override, then the release image and overrides', () => {
    const entities = [
      environment('prod'),
      component('api', 'shop', {
        deploy: {
          image: 'r/api:1',
          replicas: 1,
          environments: { prod: { replicas: 3, env: { MODE: 'prod' } } },
        },
      }),
    ];
    const { manifests } = compileEnvironment({
      entities: withSystems(entities),
      environment: 'prod',
      releases: { 'component:default/api': { image: 'r/api:2' } },
    });
    const deployment = find(manifests, 'Deployment', 'api') as any;
    expect(deployment.spec.replicas).toBe(3);
    expect(deployment.spec.template.spec.containers[0].image).toBe('r/api:2');
    expect((find(manifests, 'ConfigMap', 'api-env') as any).data).toEqual({
      MODE: 'prod',
    });

    const scaled = compileEnvironment({
      entities: withSystems(entities),
      environment: 'prod',
      releases: {
        'component:default/api': {
          overrides: { replicas: 5, env: { DEBUG: '1' } },
        },
      },
    }).manifests;
    expect((find(scaled, 'Deployment', 'api') as any).spec.replicas).toBe(5);
    expect((find(scaled, 'ConfigMap', 'api-env') as any).data).toEqual({
      DEBUG: '1',
      MODE: 'prod',
    });
  });

  it('uses the project name when spec.system is written as a full ref, and leaves its input untouched', () => {
    const entities = [
      environment('dev'),
      component('api', 'system:default/shop'),
    ];
    const before = JSON.stringify(entities);
    const { manifests } = compileEnvironment({
      entities: withSystems(entities),
      environment: 'dev',
    });
    expect(find(manifests, 'Deployment', 'api')?.metadata).toMatchObject({
      namespace: 'shop-dev',
      labels: expect.objectContaining({ 'stagecraft.dev/project': 'shop' }),
    });
    expect(JSON.stringify(entities)).toBe(before);
  });

  it('reports an unknown environment', () => {
    expect(
      codes(
        compileEnvironment({
          entities: [],
          environment: 'nowhere',
        }),
      ),
    ).toEqual(['error:unknown-environment']);
  });

  it('rejects a component whose type is unknown', () => {
    const result = compileEnvironment({
      entities: withSystems([
        environment('dev'),
        component('api', 'shop', { type: 'mainframe' }),
      ]),
      environment: 'dev',
    });
    expect(codes(result)).toEqual(['error:unknown-component-type']);
  });
});
