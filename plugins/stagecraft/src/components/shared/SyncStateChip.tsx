import type { SyncState } from '@stagecraft/plugin-stagecraft-common';
import Chip from '@mui/material/Chip';
import Tooltip from '@mui/material/Tooltip';
import { readableChip } from './chipContrast';
import { StatusIcon, StatusTone } from './StatusIcon';
import { syncStateLabel } from './syncStateLabel';

const tone: Record<SyncState, StatusTone> = {
  synced: 'success',
  progressing: 'info',
  pending: 'default',
  drifted: 'warning',
  degraded: 'warning',
  failed: 'error',
  // The cluster cannot be read: an outage to notice, not (yet) a failed deployment.
  unknown: 'warning',
};

/**
 * A deployment's sync state as a chip with its colour, an icon and its name (never colour
 * alone); the reason, when given, is its tooltip.
 */
export function SyncStateChip(props: { state: SyncState; reason?: string }) {
  const chip = (
    <Chip
      size="small"
      color={tone[props.state] ?? 'default'}
      icon={<StatusIcon tone={tone[props.state] ?? 'default'} />}
      label={syncStateLabel[props.state] ?? props.state}
      sx={readableChip(tone[props.state] ?? 'default', 'filled')}
    />
  );
  return props.reason ? <Tooltip title={props.reason}>{chip}</Tooltip> : chip;
}
