import WidgetsIcon from '@mui/icons-material/Widgets';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { NodeProps } from '@xyflow/react';
import { describeHealth } from '../healthWords';
import { GraphFlowNode } from '../toFlowElements';
import { EntityNodeLink } from './EntityNodeLink';
import { NodeHandles } from './NodeHandles';
import { toneColor } from './toneColor';

/** A component, bordered in the colour of its health in the chosen environment. */
export function ComponentNode({ data }: NodeProps<GraphFlowNode>) {
  const node = data.graphNode;
  if (node.kind !== 'component') return null;
  const health = describeHealth(node, data.environment);
  const color = toneColor(health?.tone ?? 'neutral');
  return (
    <Box
      title={health?.reason}
      sx={{
        width: 1,
        height: 1,
        boxSizing: 'border-box',
        border: node.focus ? 3 : 2,
        borderColor: color,
        borderRadius: 1,
        bgcolor: 'background.paper',
        px: 1.5,
        display: 'flex',
        alignItems: 'center',
        gap: 1,
      }}
    >
      <NodeHandles />
      <WidgetsIcon fontSize="small" sx={{ color }} />
      <Box sx={{ minWidth: 0 }}>
        <EntityNodeLink entityRef={node.id} label={node.label} />
        {health && (
          <Typography
            variant="caption"
            color="text.secondary"
            noWrap
            component="div"
          >
            {health.label}
          </Typography>
        )}
      </Box>
    </Box>
  );
}
