import type { SyncState } from '@stagecraft/plugin-stagecraft-common';
import Chip, { ChipProps } from '@mui/material/Chip';
import Tooltip from '@mui/material/Tooltip';
import { syncStateLabel } from './syncStateLabel';

const color: Record<SyncState, ChipProps['color']> = {
  synced: 'success',
  progressing: 'info',
  pending: 'default',
  drifted: 'warning',
  degraded: 'warning',
  failed: 'error',
};

/**
 * A deployment's sync state as a coloured chip; the reason, when given, is its tooltip.
 */
export function SyncStateChip(props: { state: SyncState; reason?: string }) {
  const chip = (
    <Chip
      size="small"
      color={color[props.state] ?? 'default'}
      label={syncStateLabel[props.state] ?? props.state}
    />
  );
  return props.reason ? <Tooltip title={props.reason}>{chip}</Tooltip> : chip;
}
