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

describe('compileEnvironment: isolation and exposure', () => {
  it('gives every project a namespace with Pod Security labels and a default-deny policy that allows only DNS', () => {
    const { manifests } = compileEnvironment({
      entities: withSystems([environment('dev'), component('api', 'shop')]),
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
      entities: withSystems([
        environment('dev'),
        component('api', 'shop'),
        endpoint('api-http', 'api', { port: 9000 }),
        component('web', 'shop', { dependsOn: ['endpoint:api-http'] }),
        component('other', 'shop'),
      ]),
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
      entities: withSystems([
        environment('dev'),
        component('api', 'shop'),
        endpoint('api-http', 'api'),
      ]),
      environment: 'dev',
    });
    expect(
      (find(manifests, 'NetworkPolicy', 'ingress-api-http') as any).spec
        .ingress,
    ).toEqual([]);
  });

  it("rejects a dependency on another project's project-visible endpoint, naming both ends, and renders nothing of the consumer", () => {
    const result = compileEnvironment({
      entities: withSystems([
        environment('dev'),
        component('ledger', 'payments'),
        endpoint('ledger-http', 'ledger'),
        component('web', 'shop', { dependsOn: ['endpoint:ledger-http'] }),
      ]),
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
      entities: withSystems([
        environment('dev'),
        component('orders', 'fulfilment'),
        endpoint('orders-http', 'orders', {
          visibility: 'organization',
          basePath: '/v1',
        }),
        component('checkout', 'payments', {
          dependsOn: ['endpoint:orders-http'],
        }),
      ]),
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
      podSelector: { matchLabels: { 'stagecraft.dev/gateway': 'internal' } },
    });
    expect(from).toHaveLength(2); // never the public gateway, never the whole namespace
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
      entities: withSystems(entities('gateway-api')),
      environment: 'dev',
    }).manifests;
    expect(
      viaGateway.filter(m => m.kind === 'HTTPRoute').map(m => m.metadata.name),
    ).toEqual(['web-http-internal', 'web-http-public']);
    const viaIngress = compileEnvironment({
      entities: withSystems(entities('ingress')),
      environment: 'dev',
    }).manifests;
    expect(viaIngress.filter(m => m.kind === 'HTTPRoute')).toEqual([]);
    expect(
      viaIngress
        .filter(m => m.kind === 'Ingress')
        .map(m => (m as any).spec.ingressClassName),
    ).toEqual(['internal', 'public']);
  });

  it('labels every object for Stagecraft and the stock Kubernetes plugin', () => {
    const { manifests } = compileEnvironment({
      entities: withSystems([
        environment('dev'),
        component('api', 'shop'),
        endpoint('api-http', 'api'),
      ]),
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
});
