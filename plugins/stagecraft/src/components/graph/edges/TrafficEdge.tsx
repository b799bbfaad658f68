import Box from '@mui/material/Box';
import {
  BaseEdge,
  EdgeLabelRenderer,
  EdgeProps,
  getBezierPath,
} from '@xyflow/react';
import { GraphFlowEdge } from '../toFlowElements';

/**
 * A bezier edge whose label is HTML (xyflow's SVG labels measure themselves with `getBBox`,
 * which jsdom lacks), coloured like the edge.
 */
export function TrafficEdge(props: EdgeProps<GraphFlowEdge>) {
  const [path, labelX, labelY] = getBezierPath(props);
  const label = props.data?.label;
  return (
    <>
      <BaseEdge
        id={props.id}
        path={path}
        markerEnd={props.markerEnd}
        style={props.style}
      />
      {label && (
        <EdgeLabelRenderer>
          <Box
            className="nodrag nopan"
            sx={{
              position: 'absolute',
              transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`,
              pointerEvents: 'none',
              bgcolor: 'background.paper',
              color: 'error.main',
              border: 1,
              borderColor: 'error.main',
              borderRadius: 1,
              px: 0.75,
              typography: 'caption',
            }}
          >
            {label}
          </Box>
        </EdgeLabelRenderer>
      )}
    </>
  );
}
