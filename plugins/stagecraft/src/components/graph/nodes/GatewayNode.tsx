import PublicIcon from '@mui/icons-material/Public';
import RouterIcon from '@mui/icons-material/Router';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { NodeProps } from '@xyflow/react';
import { GraphFlowNode } from '../toFlowElements';
import { NodeHandles } from './NodeHandles';

/** A gateway at the edge of the cell, through which exposed endpoints are reached. */
export function GatewayNode({ data }: NodeProps<GraphFlowNode>) {
  const node = data.graphNode;
  if (node.kind !== 'gateway') return null;
  const Icon = node.exposure === 'public' ? PublicIcon : RouterIcon;
  return (
    <Box
      sx={{
        width: 1,
        height: 1,
        boxSizing: 'border-box',
        border: 2,
        borderColor: 'success.main',
        borderRadius: 1,
        bgcolor: 'background.paper',
        px: 1.5,
        display: 'flex',
        alignItems: 'center',
        gap: 1,
      }}
    >
      <NodeHandles />
      <Icon fontSize="small" color="success" />
      <Typography variant="body2" fontWeight={500} noWrap>
        {node.label}
      </Typography>
    </Box>
  );
}
