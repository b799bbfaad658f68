import ELK, { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk.bundled.js';
import { DependencyGraph, GraphNode, parentOf } from './types';
import { VISIBILITY } from './visibility';

/** Where a node goes; project children are positioned relative to their project box. */
export interface NodeBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Node boxes by node id. */
export type GraphLayout = Map<string, NodeBox>;

/** The size each kind of node is drawn at; project boxes are sized by the layout. */
export const NODE_SIZES: Record<
  Exclude<GraphNode['kind'], 'project'>,
  { width: number; height: number }
> = {
  component: { width: 200, height: 64 },
  endpoint: { width: 200, height: 64 },
  gateway: { width: 170, height: 48 },
};

/**
 * Roughly how wide a node's text is drawn (the title at 14 px, 500 weight; the endpoint's
 * caption at 12 px), plus the icon and padding: ELK needs sizes before anything is drawn, and
 * a long name must widen its node rather than be cut off with an ellipsis.
 */
const TITLE_PX_PER_CHAR = 7.8;
const CAPTION_PX_PER_CHAR = 5.6;
const ICON_AND_PADDING = 56;

/** The node's size: its kind's, widened to fit its texts. */
export function nodeSize(node: Exclude<GraphNode, { kind: 'project' }>): {
  width: number;
  height: number;
} {
  const base = NODE_SIZES[node.kind];
  if (node.kind === 'gateway') return base;
  const texts = [node.label.length * TITLE_PX_PER_CHAR];
  if (node.kind === 'endpoint') {
    const caption = `${node.protocol} :${node.port} · ${
      VISIBILITY[node.visibility].label
    }`;
    texts.push(caption.length * CAPTION_PX_PER_CHAR);
  }
  const width = Math.ceil(Math.max(...texts) + ICON_AND_PADDING);
  return { ...base, width: Math.max(base.width, width) };
}

const ROOT_OPTIONS = {
  'elk.algorithm': 'layered',
  // Traffic flows left to right: consumer → endpoint → serving component.
  'elk.direction': 'RIGHT',
  // Lay out project boxes and their contents together, so edges may cross box borders.
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  // Tight enough that a component's neighbourhood fits a laptop-wide page at a legible zoom.
  'elk.layered.spacing.nodeNodeBetweenLayers': '48',
  'elk.spacing.nodeNode': '28',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
};

// Room at the top of a project box for its title.
const PROJECT_OPTIONS = {
  'elk.padding': '[top=44,left=20,bottom=20,right=20]',
};

/**
 * Lays the graph out with ELK's layered algorithm, projects as boxes around their components
 * and endpoints. The layout depends only on the graph's structure, so switching environments
 * does not move anything.
 */
export async function layoutGraph(
  graph: DependencyGraph,
): Promise<GraphLayout> {
  const elk = new ELK();
  const laidOut = await elk.layout(toElkGraph(graph));
  const layout: GraphLayout = new Map();
  collectBoxes(laidOut.children ?? [], layout);
  return layout;
}

function toElkGraph(graph: DependencyGraph): ElkNode {
  const elkNodes = new Map<string, ElkNode>();
  for (const node of graph.nodes) {
    elkNodes.set(
      node.id,
      node.kind === 'project'
        ? { id: node.id, layoutOptions: PROJECT_OPTIONS, children: [] }
        : { id: node.id, ...nodeSize(node) },
    );
  }
  const roots: ElkNode[] = [];
  for (const node of graph.nodes) {
    const parentId = parentOf(node);
    const parent = parentId ? elkNodes.get(parentId) : undefined;
    (parent ? parent.children! : roots).push(elkNodes.get(node.id)!);
  }
  const edges: ElkExtendedEdge[] = graph.edges.map(edge => ({
    id: edge.id,
    sources: [edge.source],
    targets: [edge.target],
  }));
  return { id: 'root', layoutOptions: ROOT_OPTIONS, children: roots, edges };
}

function collectBoxes(nodes: ElkNode[], layout: GraphLayout): void {
  for (const node of nodes) {
    layout.set(node.id, {
      x: node.x ?? 0,
      y: node.y ?? 0,
      width: node.width ?? 0,
      height: node.height ?? 0,
    });
    collectBoxes(node.children ?? [], layout);
  }
}
