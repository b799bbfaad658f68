import { buildGraph } from './buildGraph';
import {
  deployment,
  exampleCatalog,
  pendingConnection,
} from './__fixtures__/exampleCatalog';
import { GraphLayout } from './layoutGraph';
import { toFlowElements } from './toFlowElements';
import { DependencyGraph } from './types';

/** A layout that stacks nodes; the positions do not matter here, only that they are passed on. */
function stackedLayout(graph: DependencyGraph): GraphLayout {
  return new Map(
    graph.nodes.map((node, i) => [
      node.id,
      { x: 10, y: i * 100, width: 200, height: 60 },
    ]),
  );
}

describe('toFlowElements', () => {
  const graph = buildGraph({
    scope: { kind: 'project', ref: 'system:default/fulfilment' },
    entities: exampleCatalog,
    deployments: [
      deployment('warehouse-sync', 'dev', {
        pendingConnections: [
          pendingConnection(
            'warehouse-sync',
            'inventory-tcp',
            'legacy-inventory',
            'dev',
          ),
        ],
      }),
      deployment('warehouse-sync', 'production', { state: 'failed' }),
    ],
  });
  const layout = stackedLayout(graph);

  it('puts project boxes first, behind their children, and children inside them', () => {
    const { nodes } = toFlowElements(graph, layout, 'dev');
    const firstChild = nodes.findIndex(n => n.type !== 'project');
    expect(nodes.slice(0, firstChild).map(n => n.id)).toEqual([
      'system:default/fulfilment',
      'system:default/payments',
    ]);
    expect(nodes.slice(firstChild).every(n => n.type !== 'project')).toBe(true);
    expect(nodes.find(n => n.id === 'system:default/fulfilment')).toMatchObject(
      {
        zIndex: -1,
        selectable: false,
        handles: [],
      },
    );
    expect(
      nodes.find(n => n.id === 'endpoint:default/orders-http'),
    ).toMatchObject({ parentId: 'system:default/fulfilment' });
    expect(nodes.find(n => n.id === 'gateway:internal')).not.toHaveProperty(
      'parentId',
    );
  });

  it('gives nodes their laid-out box and side handles, so edges draw without measuring', () => {
    const { nodes } = toFlowElements(graph, layout, 'dev');
    const orders = nodes.find(n => n.id === 'component:default/orders-api')!;
    expect(orders).toMatchObject({
      type: 'component',
      position: { x: 10, y: layout.get(orders.id)!.y },
      width: 200,
      height: 60,
      draggable: false,
      connectable: false,
    });
    expect(orders.handles).toEqual([
      { type: 'target', position: 'left', x: 0, y: 30, width: 1, height: 1 },
      { type: 'source', position: 'right', x: 199, y: 30, width: 1, height: 1 },
    ]);
  });

  it('labels nodes with their state in the environment', () => {
    const label = (environment: string | undefined, id: string) =>
      toFlowElements(graph, layout, environment).nodes.find(n => n.id === id)!
        .ariaLabel;
    expect(label('dev', 'component:default/warehouse-sync')).toBe(
      'Component warehouse-sync: Synced in dev',
    );
    expect(label('production', 'component:default/warehouse-sync')).toBe(
      'Component warehouse-sync: Failed in production',
    );
    expect(label(undefined, 'component:default/warehouse-sync')).toBe(
      'Component warehouse-sync',
    );
    expect(label('dev', 'component:default/legacy-inventory')).toBe(
      'Component legacy-inventory: Not deployed by Stagecraft',
    );
    expect(label('dev', 'endpoint:default/inventory-tcp')).toBe(
      'Endpoint inventory-tcp, tcp port 7000, project visibility',
    );
    expect(label('dev', 'system:default/fulfilment')).toBe(
      'Project fulfilment (this cell)',
    );
    expect(label('dev', 'system:default/payments')).toBe('Project payments');
    expect(label('dev', 'gateway:internal')).toBe('Internal gateway');
  });

  it('marks a dependency pending only in the environments that report it', () => {
    const edge = (environment: string) =>
      toFlowElements(graph, layout, environment).edges.find(
        e =>
          e.id ===
          'dependsOn:component:default/warehouse-sync->endpoint:default/inventory-tcp',
      )!;
    expect(edge('dev')).toMatchObject({
      data: { variant: 'pending', label: 'Pending in dev' },
      className: 'stagecraft-edge-pending',
      animated: false,
      ariaLabel:
        'warehouse-sync depends on inventory-tcp: pending in dev, its provider is not deployed there yet',
    });
    expect(edge('production')).toMatchObject({
      data: { variant: 'permitted', label: undefined },
      className: 'stagecraft-edge-permitted',
      animated: true,
      ariaLabel: 'warehouse-sync depends on inventory-tcp: traffic permitted',
    });
  });

  it('draws each kind of edge in its own variant', () => {
    const { edges } = toFlowElements(graph, layout, 'production');
    expect(
      Object.fromEntries(edges.map(e => [e.ariaLabel, e.data!.variant])),
    ).toEqual({
      'orders-http is served by orders-api': 'serves',
      'checkout-api depends on orders-http: traffic permitted across projects':
        'crossProject',
      'warehouse-sync depends on orders-http: traffic permitted': 'permitted',
      'Internal gateway routes traffic to orders-http': 'gateway',
      'inventory-tcp is served by legacy-inventory': 'serves',
      'warehouse-sync depends on inventory-tcp: traffic permitted': 'permitted',
    });
  });

  it('draws a dependency the visibility forbids as blocked in every environment', () => {
    const blocked: DependencyGraph = {
      nodes: graph.nodes,
      environments: ['dev'],
      edges: [
        {
          kind: 'dependsOn',
          id: 'forbidden',
          source: 'component:default/checkout-api',
          target: 'endpoint:default/inventory-tcp',
          permitted: false,
          crossProject: true,
          pendingIn: ['dev'],
        },
      ],
    };
    expect(toFlowElements(blocked, layout, 'dev').edges).toEqual([
      expect.objectContaining({
        data: { variant: 'blocked', label: 'Blocked by visibility' },
        animated: false,
        ariaLabel:
          'checkout-api depends on inventory-tcp: blocked, inventory-tcp admits only components of its project',
      }),
    ]);
  });
});
