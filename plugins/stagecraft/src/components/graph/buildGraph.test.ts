import { Entity } from '@backstage/catalog-model';
import { buildGraph } from './buildGraph';
import {
  deployment,
  exampleCatalog,
  pendingConnection,
} from './__fixtures__/exampleCatalog';
import { DependencyGraph, GraphNode, parentOf } from './types';

const checkoutScope = {
  kind: 'component',
  ref: 'component:default/checkout-api',
} as const;

function node(graph: DependencyGraph, id: string): GraphNode | undefined {
  return graph.nodes.find(n => n.id === id);
}

describe('buildGraph for a component', () => {
  const graph = buildGraph({ scope: checkoutScope, entities: exampleCatalog });

  it('draws the component, its endpoints, their consumers, and what it depends on', () => {
    expect(graph.nodes.map(n => n.id).sort()).toEqual([
      'component:default/checkout-api',
      'component:default/fraud-screening',
      'component:default/orders-api',
      'component:default/payment-ledger',
      'component:default/storefront-web',
      'endpoint:default/checkout-http',
      'endpoint:default/fraud-grpc',
      'endpoint:default/ledger-http',
      'endpoint:default/orders-http',
      'system:default/fulfilment',
      'system:default/payments',
      'system:default/storefront',
    ]);
  });

  it('links endpoints to the components serving them and consumers to endpoints', () => {
    const dependsOn = (
      source: string,
      target: string,
      crossProject: boolean,
    ) => ({
      kind: 'dependsOn',
      id: `dependsOn:component:default/${source}->endpoint:default/${target}`,
      source: `component:default/${source}`,
      target: `endpoint:default/${target}`,
      permitted: true,
      crossProject,
      pendingIn: [],
    });
    const serves = (endpoint: string, component: string) => ({
      kind: 'serves',
      id: `serves:endpoint:default/${endpoint}->component:default/${component}`,
      source: `endpoint:default/${endpoint}`,
      target: `component:default/${component}`,
    });
    expect(graph.edges).toEqual([
      serves('checkout-http', 'checkout-api'),
      dependsOn('storefront-web', 'checkout-http', true),
      serves('fraud-grpc', 'fraud-screening'),
      dependsOn('checkout-api', 'fraud-grpc', false),
      serves('ledger-http', 'payment-ledger'),
      dependsOn('checkout-api', 'ledger-http', false),
      serves('orders-http', 'orders-api'),
      dependsOn('checkout-api', 'orders-http', true),
    ]);
  });

  it('leaves out consumers of the endpoints it depends on', () => {
    expect(node(graph, 'component:default/refund-worker')).toBeUndefined();
    expect(node(graph, 'component:default/warehouse-sync')).toBeUndefined();
  });

  it('marks the focus and groups nodes by project, endpoints in their provider project', () => {
    expect(node(graph, 'component:default/checkout-api')).toEqual({
      kind: 'component',
      id: 'component:default/checkout-api',
      label: 'checkout-api',
      parentId: 'system:default/payments',
      deployable: true,
      focus: true,
      deployments: {},
      deploymentsKnown: true,
    });
    expect(node(graph, 'endpoint:default/orders-http')).toEqual({
      kind: 'endpoint',
      id: 'endpoint:default/orders-http',
      label: 'orders-http',
      parentId: 'system:default/fulfilment',
      visibility: 'organization',
      protocol: 'http',
      port: 8080,
    });
    expect(node(graph, 'system:default/fulfilment')).toEqual({
      kind: 'project',
      id: 'system:default/fulfilment',
      label: 'fulfilment',
      cell: false,
    });
  });

  it('draws no gateways', () => {
    expect(graph.nodes.filter(n => n.kind === 'gateway')).toEqual([]);
  });

  it('puts project nodes before their children', () => {
    const ids = graph.nodes.map(n => n.id);
    const children = graph.nodes.filter(n => parentOf(n));
    expect(children).not.toEqual([]);
    for (const child of children) {
      expect(ids.indexOf(parentOf(child)!)).toBeLessThan(ids.indexOf(child.id));
    }
  });
});

describe('buildGraph traffic rules', () => {
  it('marks a dependency on another project\'s "project" endpoint as not permitted', () => {
    const intruder: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'intruder', namespace: 'default' },
      spec: {
        type: 'service',
        system: 'storefront',
        dependsOn: ['endpoint:ledger-http', 'endpoint:orders-http'],
      },
    };
    const graph = buildGraph({
      scope: { kind: 'component', ref: 'component:default/intruder' },
      entities: [...exampleCatalog, intruder],
    });
    const edges = graph.edges.filter(e => e.kind === 'dependsOn');
    expect(
      edges.map(e => e.kind === 'dependsOn' && [e.target, e.permitted]),
    ).toEqual([
      ['endpoint:default/ledger-http', false],
      ['endpoint:default/orders-http', true],
    ]);
  });

  it('skips dependencies on endpoints that are not in the catalog', () => {
    const dangling: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'dangling', namespace: 'default' },
      spec: {
        type: 'service',
        system: 'payments',
        dependsOn: ['endpoint:gone'],
      },
    };
    const graph = buildGraph({
      scope: { kind: 'component', ref: 'component:default/dangling' },
      entities: [...exampleCatalog, dangling],
    });
    expect(graph.nodes.map(n => n.id)).toEqual([
      'system:default/payments',
      'component:default/dangling',
    ]);
    expect(graph.edges).toEqual([]);
  });

  it('draws an endpoint whose provider is not loaded without a project or serves edge', () => {
    const graph = buildGraph({
      scope: checkoutScope,
      entities: exampleCatalog.filter(e => e.metadata.name !== 'orders-api'),
    });
    expect(node(graph, 'endpoint:default/orders-http')).toMatchObject({
      parentId: undefined,
    });
    expect(graph.edges.map(e => e.id)).not.toContain(
      'serves:endpoint:default/orders-http->component:default/orders-api',
    );
    expect(graph.edges.map(e => e.id)).toContain(
      'dependsOn:component:default/checkout-api->endpoint:default/orders-http',
    );
  });

  it('defaults an endpoint without visibility to "project"', () => {
    const entities = exampleCatalog.map(e =>
      e.metadata.name === 'fraud-grpc'
        ? { ...e, spec: { component: 'fraud-screening', port: 9090 } }
        : e,
    );
    const graph = buildGraph({ scope: checkoutScope, entities });
    expect(node(graph, 'endpoint:default/fraud-grpc')).toMatchObject({
      visibility: 'project',
      protocol: 'http',
    });
  });
});

describe('buildGraph with deployments', () => {
  const deployments = [
    deployment('checkout-api', 'dev', {
      pendingConnections: [
        pendingConnection('checkout-api', 'orders-http', 'orders-api', 'dev'),
      ],
    }),
    deployment('checkout-api', 'production', {
      state: 'degraded',
      reason: '1 of 2 pods ready',
    }),
    deployment('fraud-screening', 'staging', { state: 'progressing' }),
  ];
  const graph = buildGraph({
    scope: checkoutScope,
    entities: exampleCatalog,
    deployments,
  });

  it('lists the environments in order of first appearance', () => {
    expect(graph.environments).toEqual(['dev', 'production', 'staging']);
  });

  it('puts each component its health per environment', () => {
    expect(node(graph, 'component:default/checkout-api')).toMatchObject({
      deployments: {
        dev: { state: 'synced' },
        production: { state: 'degraded', reason: '1 of 2 pods ready' },
      },
    });
    expect(node(graph, 'component:default/fraud-screening')).toMatchObject({
      deployments: { staging: { state: 'progressing' } },
    });
    expect(node(graph, 'component:default/orders-api')).toMatchObject({
      deployments: {},
    });
  });

  it('marks a dependency pending in the environments that report it', () => {
    const pendingIn = Object.fromEntries(
      graph.edges.flatMap(e =>
        e.kind === 'dependsOn' ? [[e.target, e.pendingIn]] : [],
      ),
    );
    expect(pendingIn).toEqual({
      'endpoint:default/checkout-http': [],
      'endpoint:default/fraud-grpc': [],
      'endpoint:default/ledger-http': [],
      'endpoint:default/orders-http': ['dev'],
    });
  });
});

describe('buildGraph for a project', () => {
  const graph = buildGraph({
    scope: { kind: 'project', ref: 'system:default/payments' },
    entities: exampleCatalog,
  });

  it('draws the project as the cell and other projects as outside boxes', () => {
    expect(graph.nodes.filter(n => n.kind === 'project')).toEqual([
      {
        kind: 'project',
        id: 'system:default/payments',
        label: 'payments',
        cell: true,
      },
      {
        kind: 'project',
        id: 'system:default/storefront',
        label: 'storefront',
        cell: false,
      },
      {
        kind: 'project',
        id: 'system:default/fulfilment',
        label: 'fulfilment',
        cell: false,
      },
    ]);
  });

  it("draws every component of the project and the other projects' ends of its dependencies", () => {
    const byParent = (parent: string) =>
      graph.nodes
        .filter(n => parentOf(n) === parent)
        .map(n => n.label)
        .sort();
    expect(byParent('system:default/payments')).toEqual([
      'checkout-api',
      'checkout-http',
      'fraud-grpc',
      'fraud-screening',
      'ledger-http',
      'payment-ledger',
      'refund-worker',
    ]);
    expect(byParent('system:default/fulfilment')).toEqual([
      'orders-api',
      'orders-http',
    ]);
    expect(byParent('system:default/storefront')).toEqual(['storefront-web']);
  });

  it('routes the internal gateway to organization endpoints only', () => {
    expect(graph.nodes.filter(n => n.kind === 'gateway')).toEqual([
      {
        kind: 'gateway',
        id: 'gateway:internal',
        label: 'Internal gateway',
        exposure: 'internal',
      },
    ]);
    expect(graph.edges.filter(e => e.kind === 'exposes')).toEqual([
      {
        kind: 'exposes',
        id: 'exposes:gateway:internal->endpoint:default/checkout-http',
        source: 'gateway:internal',
        target: 'endpoint:default/checkout-http',
      },
    ]);
  });

  it('routes both gateways to public endpoints', () => {
    const storefront = buildGraph({
      scope: { kind: 'project', ref: 'system:default/storefront' },
      entities: exampleCatalog,
    });
    expect(
      storefront.edges.filter(e => e.kind === 'exposes').map(e => e.source),
    ).toEqual(['gateway:internal', 'gateway:public']);
  });

  it('marks dependencies leaving or entering the project as cross-project', () => {
    const crossProject = graph.edges
      .filter(e => e.kind === 'dependsOn' && e.crossProject)
      .map(e => `${e.source} -> ${e.target}`);
    expect(crossProject).toEqual([
      'component:default/storefront-web -> endpoint:default/checkout-http',
      'component:default/checkout-api -> endpoint:default/orders-http',
    ]);
  });

  it('draws only the project box for a project without components', () => {
    const empty = buildGraph({
      scope: { kind: 'project', ref: 'system:default/empty' },
      entities: exampleCatalog,
    });
    expect(empty).toEqual({
      nodes: [
        {
          kind: 'project',
          id: 'system:default/empty',
          label: 'empty',
          cell: true,
        },
      ],
      edges: [],
      environments: [],
    });
  });
});

describe("buildGraph applies the compiler's traffic rules", () => {
  const component = (
    name: string,
    namespace: string,
    spec: Record<string, unknown>,
  ): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace },
    spec: { type: 'service', owner: 'team', ...spec },
  });
  const endpoint = (name: string, spec: Record<string, unknown>): Entity => ({
    apiVersion: 'stagecraft.dev/v1alpha1',
    kind: 'Endpoint',
    metadata: { name, namespace: 'default' },
    spec: { component: 'ledger', port: 8080, ...spec },
  });
  const ledger = component('ledger', 'default', {
    system: 'payments',
    deploy: {},
  });

  it('routes no gateway to an endpoint whose protocol the HTTP gateways do not carry', () => {
    const graph = buildGraph({
      scope: { kind: 'project', ref: 'system:default/payments' },
      entities: [
        ledger,
        endpoint('ledger-grpc', { protocol: 'grpc', visibility: 'public' }),
        endpoint('ledger-http', { visibility: 'organization' }),
      ],
    });
    expect(
      graph.edges.filter(e => e.kind === 'exposes').map(e => e.target),
    ).toEqual(['endpoint:default/ledger-http']);
  });

  it('admits to a project endpoint the components of its System only, not of a namesake in another namespace, and none without a project', () => {
    const graph = buildGraph({
      scope: { kind: 'component', ref: 'component:default/ledger' },
      entities: [
        ledger,
        endpoint('ledger-http', {}),
        component('auditor', 'audit', {
          system: 'payments',
          dependsOn: ['endpoint:default/ledger-http'],
        }),
        component('reconciler', 'default', {
          system: 'system:default/payments',
          dependsOn: ['endpoint:default/ledger-http'],
        }),
        component('script', 'default', {
          dependsOn: ['endpoint:default/ledger-http'],
        }),
      ],
    });
    const permitted = Object.fromEntries(
      graph.edges.flatMap(e =>
        e.kind === 'dependsOn' ? [[e.source, e.permitted]] : [],
      ),
    );
    expect(permitted).toEqual({
      'component:audit/auditor': false,
      'component:default/reconciler': true,
      'component:default/script': false,
    });
  });
});
