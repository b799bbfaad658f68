import { compileEnvironment } from './compileEnvironment';
import { component, endpoint, environment } from './__fixtures__/entities';
import { Manifest } from './types';

const find = (manifests: Manifest[], kind: string, name: string) =>
  manifests.find(m => m.kind === kind && m.metadata.name === name);
const codes = (result: ReturnType<typeof compileEnvironment>) =>
  result.diagnostics.map(d => `${d.severity}:${d.code}`);

describe('compileEnvironment', () => {
  it('gives every project a namespace with Pod Security labels and a default-deny policy that allows only DNS', () => {
    const { manifests } = compileEnvironment({
      entities: [environment('dev'), component('api', 'shop')],
      environment: 'dev',
    });
    expect(
      find(manifests, 'Namespace', 'shop-dev')?.metadata.labels,
    ).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'restricted',
      'app.kubernetes.io/managed-by': 'stagecraft',
      'stagecraft.dev/project': 'shop',
      'stagecraft.dev/environment': 'dev',
    });
    const deny = find(
      manifests,
      'NetworkPolicy',
      'stagecraft-default-deny',
    ) as any;
    expect(deny.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(deny.spec.ingress).toEqual([]);
    expect(deny.spec.egress).toHaveLength(1);
    expect(deny.spec.egress[0].ports).toEqual([
      { protocol: 'UDP', port: 53 },
      { protocol: 'TCP', port: 53 },
    ]);
  });

  it('admits traffic to an endpoint only from declared dependants, only on its port', () => {
    const { manifests } = compileEnvironment({
      entities: [
        environment('dev'),
        component('api', 'shop'),
        endpoint('api-http', 'api', { port: 9000 }),
        component('web', 'shop', { dependsOn: ['endpoint:api-http'] }),
        component('other', 'shop'),
      ],
      environment: 'dev',
    });
    const ingress = find(manifests, 'NetworkPolicy', 'ingress-api-http') as any;
    expect(ingress.spec.podSelector).toEqual({
      matchLabels: { 'stagecraft.dev/component': 'api' },
    });
    expect(ingress.spec.ingress).toEqual([
      {
        from: [
          {
            namespaceSelector: {
              matchLabels: { 'kubernetes.io/metadata.name': 'shop-dev' },
            },
            podSelector: { matchLabels: { 'stagecraft.dev/component': 'web' } },
          },
        ],
        ports: [{ protocol: 'TCP', port: 9000 }],
      },
    ]);
    const egress = find(manifests, 'NetworkPolicy', 'egress-web') as any;
    expect(egress.spec.egress).toEqual([
      {
        to: [
          {
            namespaceSelector: {
              matchLabels: { 'kubernetes.io/metadata.name': 'shop-dev' },
            },
            podSelector: { matchLabels: { 'stagecraft.dev/component': 'api' } },
          },
        ],
        ports: [{ protocol: 'TCP', port: 9000 }],
      },
    ]);
    expect(find(manifests, 'NetworkPolicy', 'egress-other')).toBeUndefined();
  });

  it('never writes an empty "from" (which would admit everyone) for an endpoint nobody depends on', () => {
    const { manifests } = compileEnvironment({
      entities: [
        environment('dev'),
        component('api', 'shop'),
        endpoint('api-http', 'api'),
      ],
      environment: 'dev',
    });
    expect(
      (find(manifests, 'NetworkPolicy', 'ingress-api-http') as any).spec
        .ingress,
    ).toEqual([]);
  });

  it("rejects a dependency on another project's project-visible endpoint, naming both ends, and renders nothing of the consumer", () => {
    const result = compileEnvironment({
      entities: [
        environment('dev'),
        component('ledger', 'payments'),
        endpoint('ledger-http', 'ledger'),
        component('web', 'shop', { dependsOn: ['endpoint:ledger-http'] }),
      ],
      environment: 'dev',
    });
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        code: 'visibility-forbids-dependency',
        entityRef: 'component:default/web',
        path: 'spec.dependsOn[0]',
        message: expect.stringMatching(
          /component:default\/web \(project shop\) depends on endpoint:default\/ledger-http.*project payments/,
        ),
      }),
    );
    expect(
      result.manifests.filter(
        m => m.metadata.labels?.['stagecraft.dev/component'] === 'web',
      ),
    ).toEqual([]);
    expect(find(result.manifests, 'Deployment', 'ledger')).toBeDefined();
  });

  it('admits other projects and the internal gateway to an organization endpoint and routes it', () => {
    const { manifests } = compileEnvironment({
      entities: [
        environment('dev'),
        component('orders', 'fulfilment'),
        endpoint('orders-http', 'orders', {
          visibility: 'organization',
          basePath: '/v1',
        }),
        component('checkout', 'payments', {
          dependsOn: ['endpoint:orders-http'],
        }),
      ],
      environment: 'dev',
    });
    const from = (
      find(manifests, 'NetworkPolicy', 'ingress-orders-http') as any
    ).spec.ingress[0].from;
    expect(from).toContainEqual({
      namespaceSelector: {
        matchLabels: { 'kubernetes.io/metadata.name': 'payments-dev' },
      },
      podSelector: { matchLabels: { 'stagecraft.dev/component': 'checkout' } },
    });
    expect(from).toContainEqual({
      namespaceSelector: {
        matchLabels: { 'kubernetes.io/metadata.name': 'stagecraft-system' },
      },
    });
    const route = find(manifests, 'HTTPRoute', 'orders-http-internal') as any;
    expect(route.spec.hostnames).toEqual(['dev.internal.example']);
    expect(route.spec.rules[0].matches[0].path).toEqual({
      type: 'PathPrefix',
      value: '/fulfilment/orders-http',
    });
    expect(find(manifests, 'HTTPRoute', 'orders-http-public')).toBeUndefined();
  });

  it('exposes a public endpoint on both gateways, and through Ingress where the environment asks for it', () => {
    const entities = (exposure: string) => [
      environment('dev', {
        gateway: {
          exposure,
          internalHost: 'in.example',
          publicHost: 'www.example',
        },
      }),
      component('web', 'shop', { type: 'web-app' }),
      endpoint('web-http', 'web', { visibility: 'public' }),
    ];
    const viaGateway = compileEnvironment({
      entities: entities('gateway-api'),
      environment: 'dev',
    }).manifests;
    expect(
      viaGateway.filter(m => m.kind === 'HTTPRoute').map(m => m.metadata.name),
    ).toEqual(['web-http-internal', 'web-http-public']);
    const viaIngress = compileEnvironment({
      entities: entities('ingress'),
      environment: 'dev',
    }).manifests;
    expect(viaIngress.filter(m => m.kind === 'HTTPRoute')).toEqual([]);
    expect(
      viaIngress
        .filter(m => m.kind === 'Ingress')
        .map(m => (m as any).spec.ingressClassName),
    ).toEqual(['internal', 'public']);
  });

  it('injects URL, host and port of each dependency, with an overridable prefix', () => {
    const { manifests } = compileEnvironment({
      entities: [
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
      ],
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
      entities: [
        environment('dev'),
        component('legacy', 'shop', { deploy: undefined }),
        endpoint('legacy-tcp', 'legacy', { protocol: 'tcp', port: 7000 }),
        component('sync', 'shop', {
          type: 'worker',
          dependsOn: ['endpoint:legacy-tcp'],
        }),
      ],
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
      entities: [
        environment('dev'),
        component('api', 'shop', {
          deploy: {
            image: 'r/api:1',
            secretEnv: { DB_PASSWORD: { secret: 'db', key: 'password' } },
          },
        }),
      ],
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
      entities: [
        environment('dev'),
        component('nightly', 'shop', {
          type: 'scheduled-job',
          deploy: { image: 'r/n:1', schedule: '0 3 * * *' },
        }),
      ],
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
      entities: [
        environment('prod', envSpec),
        component('api', 'shop', {
          deploy: { image: 'docker.io/api:1', ...deploy },
        }),
      ],
      environment: 'prod',
    });
    expect(codes(result)).toContain(`error:${code}`);
    expect(result.manifests).toEqual([]);
  });

  it('runs every container non-root with a read-only root filesystem and no privilege escalation', () => {
    const { manifests } = compileEnvironment({
      entities: [environment('dev'), component('api', 'shop')],
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

  it('applies per-environment overrides and the release image', () => {
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
      entities,
      environment: 'prod',
      releases: { 'component:default/api': { image: 'r/api:2' } },
    });
    const deployment = find(manifests, 'Deployment', 'api') as any;
    expect(deployment.spec.replicas).toBe(3);
    expect(deployment.spec.template.spec.containers[0].image).toBe('r/api:2');
    expect((find(manifests, 'ConfigMap', 'api-env') as any).data).toEqual({
      MODE: 'prod',
    });
  });

  it('labels every object for Stagecraft and the stock Kubernetes plugin', () => {
    const { manifests } = compileEnvironment({
      entities: [
        environment('dev'),
        component('api', 'shop'),
        endpoint('api-http', 'api'),
      ],
      environment: 'dev',
    });
    for (const m of manifests.filter(
      x =>
        x.kind !== 'Namespace' && x.metadata.name !== 'stagecraft-default-deny',
    )) {
      expect(m.metadata.labels).toMatchObject({
        'app.kubernetes.io/managed-by': 'stagecraft',
        'backstage.io/kubernetes-id': 'api',
        'stagecraft.dev/component': 'api',
      });
    }
  });

  it('reports an unknown environment', () => {
    expect(
      codes(compileEnvironment({ entities: [], environment: 'nowhere' })),
    ).toEqual(['error:unknown-environment']);
  });

  it('rejects a component whose type is unknown', () => {
    const result = compileEnvironment({
      entities: [
        environment('dev'),
        component('api', 'shop', { type: 'mainframe' }),
      ],
      environment: 'dev',
    });
    expect(codes(result)).toEqual(['error:unknown-component-type']);
  });
});
