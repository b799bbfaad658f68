import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { NodeProps } from '@xyflow/react';
import { GraphFlowNode } from '../toFlowElements';
import { VISIBILITY } from '../visibility';
import { EntityNodeLink } from './EntityNodeLink';
import { NodeHandles } from './NodeHandles';

/** An endpoint: protocol, port, and who may call it. */
export function EndpointNode({ data }: NodeProps<GraphFlowNode>) {
  const node = data.graphNode;
  if (node.kind !== 'endpoint') return null;
  const visibility = VISIBILITY[node.visibility];
  return (
    <Box
      title={`Visible to ${visibility.description}`}
      sx={{
        width: 1,
        height: 1,
        boxSizing: 'border-box',
        border: 1,
        borderColor: 'divider',
        borderRadius: 4,
        bgcolor: 'background.default',
        px: 1.5,
        display: 'flex',
        alignItems: 'center',
        gap: 1,
      }}
    >
      <NodeHandles />
      <visibility.Icon fontSize="small" color="action" />
      <Box sx={{ minWidth: 0 }}>
        <EntityNodeLink entityRef={node.id} label={node.label} />
        <Typography
          variant="caption"
          color="text.secondary"
          noWrap
          component="div"
        >
          {node.protocol} :{node.port} · {visibility.label}
        </Typography>
      </Box>
    </Box>
  );
}
