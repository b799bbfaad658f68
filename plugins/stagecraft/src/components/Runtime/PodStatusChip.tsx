import type { PodSummary } from '@stagecraft/plugin-stagecraft-common';
import Chip from '@mui/material/Chip';
import { podStatus } from './podStatus';

/** The pod's phase or problem as a coloured chip. */
export function PodStatusChip(props: { pod: PodSummary }) {
  const { label, tone } = podStatus(props.pod);
  return <Chip size="small" label={label} color={tone} variant="outlined" />;
}
