import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import { alpha } from '@mui/material/styles';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import InfoOutlinedIcon from '@mui/icons-material/InfoOutlined';
import type { RuntimeEvent } from '@stagecraft/plugin-stagecraft-common';
import { useState } from 'react';
import { readableChip } from '../shared/chipContrast';
import { RelativeTime } from '../shared/RelativeTime';
import { contentSizedTable, noWrap } from '../shared/tableLayout';
import { EventGroup, groupEvents, STALE_EVENT_MS } from './groupEvents';

/**
 * Kubernetes events about the deployment's objects, grouped by type, reason and object. Current
 * warnings are highlighted; events not seen for a while are behind a button, so an old warning
 * does not stay on screen as if it were still happening.
 */
export function EventsTable(props: { events: RuntimeEvent[]; now: number }) {
  const [showStale, setShowStale] = useState(false);
  const { current, stale } = groupEvents(props.events, props.now);
  if (props.events.length === 0) {
    return (
      <Typography color="text.secondary">
        No recent events for this deployment.
      </Typography>
    );
  }
  const minutes = STALE_EVENT_MS / 60_000;
  return (
    <>
      {current.length > 0 ? (
        <EventGroupTable label="Events" groups={current} highlight />
      ) : (
        <Typography color="text.secondary">
          No events in the last {minutes} minutes.
        </Typography>
      )}
      {stale.length > 0 && (
        <Button
          size="small"
          sx={{ mt: 1 }}
          aria-expanded={showStale}
          onClick={() => setShowStale(shown => !shown)}
        >
          {showStale ? 'Hide' : 'Show'} {stale.length} older{' '}
          {stale.length === 1 ? 'event' : 'events'} (not seen for {minutes}{' '}
          minutes)
        </Button>
      )}
      {showStale && stale.length > 0 && (
        <EventGroupTable label="Older events" groups={stale} />
      )}
    </>
  );
}

function EventGroupTable(props: {
  label: string;
  groups: EventGroup[];
  highlight?: boolean;
}) {
  return (
    <Table size="small" sx={contentSizedTable} aria-label={props.label}>
      <TableHead>
        <TableRow>
          <TableCell>Type</TableCell>
          <TableCell>Reason</TableCell>
          <TableCell>Message</TableCell>
          <TableCell>Object</TableCell>
          <TableCell align="right">Count</TableCell>
          <TableCell>Last seen</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.groups.map(group => {
          const warning = group.type === 'Warning';
          const highlighted = warning && props.highlight;
          return (
            <TableRow
              key={`${group.type}/${group.reason}/${group.object}`}
              sx={
                highlighted
                  ? {
                      bgcolor: theme => alpha(theme.palette.warning.main, 0.12),
                    }
                  : undefined
              }
            >
              <TableCell sx={noWrap}>
                <Chip
                  size="small"
                  icon={warning ? <WarningAmberIcon /> : <InfoOutlinedIcon />}
                  label={group.type}
                  color={highlighted ? 'warning' : 'default'}
                  variant={highlighted ? 'filled' : 'outlined'}
                  sx={
                    highlighted ? readableChip('warning', 'filled') : undefined
                  }
                />
              </TableCell>
              <TableCell>{group.reason}</TableCell>
              <TableCell>{group.message}</TableCell>
              <TableCell>{group.object}</TableCell>
              <TableCell align="right">{group.count}</TableCell>
              <TableCell sx={noWrap}>
                {group.lastSeen ? <RelativeTime value={group.lastSeen} /> : '—'}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
