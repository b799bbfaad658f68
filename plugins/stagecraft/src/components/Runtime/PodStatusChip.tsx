import type { PodSummary } from '@stagecraft/plugin-stagecraft-common';
import Chip from '@mui/material/Chip';
import { readableChip } from '../shared/chipContrast';
import { StatusIcon } from '../shared/StatusIcon';
import { podStatus } from './podStatus';

/** The pod's phase or problem as a chip: colour, icon and words. */
export function PodStatusChip(props: { pod: PodSummary }) {
  const { label, tone } = podStatus(props.pod);
  return (
    <Chip
      size="small"
      label={label}
      color={tone}
      variant="outlined"
      icon={<StatusIcon tone={tone} />}
      sx={readableChip(tone, 'outlined')}
    />
  );
}
