/**
 * @jest-environment node
 */
import { buildGraph } from './buildGraph';
import { exampleCatalog } from './__fixtures__/exampleCatalog';
import { layoutGraph, nodeSize, NODE_SIZES } from './layoutGraph';
import { parentOf } from './types';

describe('layoutGraph', () => {
  const graph = buildGraph({
    scope: { kind: 'component', ref: 'component:default/checkout-api' },
    entities: exampleCatalog,
  });

  it('places every node, at its kind size', async () => {
    const layout = await layoutGraph(graph);
    expect([...layout.keys()].sort()).toEqual(
      graph.nodes.map(n => n.id).sort(),
    );
    expect(layout.get('component:default/checkout-api')).toMatchObject(
      NODE_SIZES.component,
    );
    expect(layout.get('endpoint:default/orders-http')).toMatchObject(
      NODE_SIZES.endpoint,
    );
  });

  it('widens a node whose name would not fit its kind size', () => {
    const node = {
      kind: 'endpoint' as const,
      id: 'endpoint:default/invoice-reconciliation-http',
      label: 'invoice-reconciliation-http',
      visibility: 'organization' as const,
      protocol: 'http' as const,
      port: 8080,
    };
    expect(nodeSize(node).width).toBeGreaterThan(NODE_SIZES.endpoint.width);
    expect(nodeSize({ ...node, label: 'ledger-http' })).toEqual(
      NODE_SIZES.endpoint,
    );
  });

  it('sizes project boxes to hold their nodes, whose positions are relative to the box', async () => {
    const layout = await layoutGraph(graph);
    const project = layout.get('system:default/payments')!;
    for (const child of graph.nodes.filter(
      n => parentOf(n) === 'system:default/payments',
    )) {
      const box = layout.get(child.id)!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(project.width);
      expect(box.y + box.height).toBeLessThanOrEqual(project.height);
    }
  });

  it('draws traffic left to right: consumer, then endpoint, then the component serving it', async () => {
    const layout = await layoutGraph(graph);
    const absoluteX = (id: string) =>
      layout.get(id)!.x + layout.get('system:default/payments')!.x;
    expect(absoluteX('component:default/checkout-api')).toBeLessThan(
      absoluteX('endpoint:default/ledger-http'),
    );
    expect(absoluteX('endpoint:default/ledger-http')).toBeLessThan(
      absoluteX('component:default/payment-ledger'),
    );
  });
});
