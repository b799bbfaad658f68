import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@mui/material/Box';
import { useTheme } from '@mui/material/styles';
import {
  Controls,
  MarkerType,
  NodeMouseHandler,
  ReactFlow,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useMemo } from 'react';
import { useNavigate } from 'react-router-dom';
import { EDGE_STYLES, edgeStyleRules } from './edges/edgeStyles';
import { TrafficEdge } from './edges/TrafficEdge';
import { ComponentNode } from './nodes/ComponentNode';
import { EndpointNode } from './nodes/EndpointNode';
import { GatewayNode } from './nodes/GatewayNode';
import { ProjectNode } from './nodes/ProjectNode';
import { GraphFlowEdge, GraphFlowNode } from './toFlowElements';

// Defined once: xyflow re-mounts every node when these objects change.
const nodeTypes = {
  component: ComponentNode,
  endpoint: EndpointNode,
  project: ProjectNode,
  gateway: GatewayNode,
};
const edgeTypes = { traffic: TrafficEdge };

/** Height of the drawing: xyflow needs a container with an explicit size. */
const CANVAS_HEIGHT = 640;

/**
 * Draws laid-out nodes and edges, read-only. Clicking a component, endpoint or project opens
 * its entity page.
 */
export function GraphCanvas(props: {
  nodes: GraphFlowNode[];
  edges: GraphFlowEdge[];
  ariaLabel: string;
}) {
  const theme = useTheme();
  const navigate = useNavigate();
  const entityLink = useEntityRefLink();

  const edges = useMemo(
    () =>
      props.edges.map(edge => ({
        ...edge,
        markerEnd: {
          type: MarkerType.ArrowClosed,
          color: EDGE_STYLES[edge.data!.variant].color(theme),
        },
      })),
    [props.edges, theme],
  );

  const onNodeClick: NodeMouseHandler<GraphFlowNode> = useCallback(
    (event, node) => {
      // The title link navigates by itself; gateways are not catalog entities.
      if ((event.target as Element).closest('a') || node.type === 'gateway') {
        return;
      }
      navigate(entityLink(node.id));
    },
    [navigate, entityLink],
  );

  return (
    <Box
      sx={{
        height: CANVAS_HEIGHT,
        border: 1,
        borderColor: 'divider',
        borderRadius: 1,
        '& .react-flow__node': { cursor: 'pointer' },
        '& .react-flow__node-gateway': { cursor: 'default' },
        ...edgeStyleRules(theme),
      }}
    >
      <ReactFlow
        aria-label={props.ariaLabel}
        nodes={props.nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodeClick={onNodeClick}
        nodesDraggable={false}
        nodesConnectable={false}
        edgesFocusable={false}
        colorMode={theme.palette.mode}
        fitView
        minZoom={0.2}
      >
        <Controls showInteractive={false} />
      </ReactFlow>
    </Box>
  );
}
