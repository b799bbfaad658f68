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
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import {
  CANVAS_PADDING,
  CONTROLS_GUTTER,
  fitCanvas,
  graphExtent,
  MAX_FIT_ZOOM,
  MIN_FIT_ZOOM,
} from './canvasSize';
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

/** Until the container is measured (and in jsdom, which measures nothing). */
const UNMEASURED_WIDTH = 1000;

/** The container's width, followed as the window resizes. */
function useWidth() {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState<number>();
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(entries => {
      const measured = entries[0]?.contentRect.width;
      if (measured) setWidth(measured);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

/**
 * Draws laid-out nodes and edges, read-only. Clicking a component, endpoint or project opens
 * its entity page. The drawing fits the container's width (never below a legible zoom) and the
 * canvas is as tall as the graph at that zoom; xyflow needs an explicit height.
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

  const { ref, width } = useWidth();
  const extent = useMemo(() => graphExtent(props.nodes), [props.nodes]);
  const { height } = fitCanvas(extent, width ?? UNMEASURED_WIDTH);

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
      ref={ref}
      sx={{
        height,
        border: 1,
        borderColor: 'divider',
        borderRadius: 1,
        '& .react-flow__node': { cursor: 'pointer' },
        '& .react-flow__node-gateway': { cursor: 'default' },
        // xyflow's grey attribution fails WCAG AA contrast on its pale background.
        '& .react-flow__attribution': { bgcolor: 'background.paper' },
        '& .react-flow__attribution a': { color: 'text.secondary' },
        ...edgeStyleRules(theme),
      }}
    >
      <ReactFlow
        // Fit again when the width changes enough to change the zoom.
        key={Math.round((width ?? 0) / 40)}
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
        fitViewOptions={{
          minZoom: MIN_FIT_ZOOM,
          maxZoom: MAX_FIT_ZOOM,
          padding: {
            top: `${CANVAS_PADDING}px`,
            right: `${CANVAS_PADDING}px`,
            bottom: `${CANVAS_PADDING}px`,
            left: `${CANVAS_PADDING + CONTROLS_GUTTER}px`,
          },
        }}
        minZoom={0.2}
      >
        <Controls showInteractive={false} />
      </ReactFlow>
    </Box>
  );
}
