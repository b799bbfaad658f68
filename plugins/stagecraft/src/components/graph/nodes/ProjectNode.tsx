import Box from '@mui/material/Box';
import { alpha } from '@mui/material/styles';
import Typography from '@mui/material/Typography';
import { NodeProps } from '@xyflow/react';
import { GraphFlowNode } from '../toFlowElements';
import { EntityNodeLink } from './EntityNodeLink';

/** A project box: solid for the cell being shown, dashed for projects outside it. */
export function ProjectNode({ data }: NodeProps<GraphFlowNode>) {
  const node = data.graphNode;
  if (node.kind !== 'project') return null;
  return (
    <Box
      sx={{
        width: 1,
        height: 1,
        boxSizing: 'border-box',
        border: node.cell ? 3 : 2,
        borderStyle: node.cell ? 'solid' : 'dashed',
        borderColor: node.cell ? 'primary.main' : 'divider',
        borderRadius: 2,
        bgcolor: theme =>
          alpha(theme.palette.primary.main, node.cell ? 0.06 : 0.02),
        px: 2,
        pt: 1,
      }}
    >
      <Typography
        variant="overline"
        color="text.secondary"
        component="div"
        lineHeight={1.4}
      >
        Project
      </Typography>
      <EntityNodeLink entityRef={node.id} label={node.label} />
    </Box>
  );
}
