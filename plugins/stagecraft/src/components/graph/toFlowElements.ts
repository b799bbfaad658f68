import { Edge, Node, NodeHandle, Position } from '@xyflow/react';
import { describeEdge, EdgeVariant } from './describeEdge';
import { describeNode } from './describeNode';
import { GraphLayout } from './layoutGraph';
import { DependencyGraph, GraphEdge, GraphNode, parentOf } from './types';

/** What a custom node component receives. */
export type GraphNodeData = { graphNode: GraphNode; environment?: string };
export type GraphFlowNode = Node<GraphNodeData, GraphNode['kind']>;

export type TrafficEdgeData = { variant: EdgeVariant; label?: string };
export type GraphFlowEdge = Edge<TrafficEdgeData, 'traffic'>;

/** Variants along which traffic flows; drawn animated. */
const FLOWING: ReadonlySet<EdgeVariant> = new Set([
  'permitted',
  'crossProject',
  'gateway',
]);

/**
 * Turns the graph and its layout into xyflow nodes and edges for one environment: component
 * nodes show that environment's health, and dependencies pending there are marked. Every node
 * and edge gets an accessible label saying what it is.
 */
export function toFlowElements(
  graph: DependencyGraph,
  layout: GraphLayout,
  environment: string | undefined,
): { nodes: GraphFlowNode[]; edges: GraphFlowEdge[] } {
  const labels = new Map(graph.nodes.map(n => [n.id, n.label]));
  // xyflow needs parents before their children.
  const ordered = [
    ...graph.nodes.filter(n => n.kind === 'project'),
    ...graph.nodes.filter(n => n.kind !== 'project'),
  ];
  return {
    nodes: ordered.map(node => toFlowNode(node, layout, environment)),
    edges: graph.edges.map(edge => toFlowEdge(edge, labels, environment)),
  };
}

function toFlowNode(
  node: GraphNode,
  layout: GraphLayout,
  environment: string | undefined,
): GraphFlowNode {
  const box = layout.get(node.id) ?? { x: 0, y: 0, width: 0, height: 0 };
  const parentId = parentOf(node);
  return {
    id: node.id,
    type: node.kind,
    position: { x: box.x, y: box.y },
    // Known sizes and handles let xyflow draw before (or without) measuring the DOM.
    width: box.width,
    height: box.height,
    handles: node.kind === 'project' ? [] : sideHandles(box.width, box.height),
    ...(parentId && { parentId }),
    data: { graphNode: node, environment },
    ariaLabel: describeNode(node, environment),
    draggable: false,
    connectable: false,
    selectable: node.kind !== 'project',
    // Behind every edge: xyflow draws nodes over edges of the same z, and edges between
    // nodes inside project boxes get the children's z.
    ...(node.kind === 'project' && { zIndex: -1 }),
  };
}

/** Traffic enters on the left and leaves on the right. */
function sideHandles(width: number, height: number): NodeHandle[] {
  return [
    {
      type: 'target',
      position: Position.Left,
      x: 0,
      y: height / 2,
      width: 1,
      height: 1,
    },
    {
      type: 'source',
      position: Position.Right,
      x: width - 1,
      y: height / 2,
      width: 1,
      height: 1,
    },
  ];
}

function toFlowEdge(
  edge: GraphEdge,
  labels: Map<string, string>,
  environment: string | undefined,
): GraphFlowEdge {
  const source = labels.get(edge.source) ?? edge.source;
  const target = labels.get(edge.target) ?? edge.target;
  const { variant, label, ariaLabel } = describeEdge(
    edge,
    source,
    target,
    environment,
  );
  return {
    id: edge.id,
    type: 'traffic',
    source: edge.source,
    target: edge.target,
    data: { variant, label },
    className: `stagecraft-edge-${variant}`,
    animated: FLOWING.has(variant),
    ariaLabel,
    selectable: false,
    focusable: false,
  };
}
