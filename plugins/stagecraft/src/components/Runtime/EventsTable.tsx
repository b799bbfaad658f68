import type { RuntimeEvent } from '@stagecraft/plugin-stagecraft-common';
import Chip from '@mui/material/Chip';
import { alpha } from '@mui/material/styles';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { RelativeTime } from '../shared/RelativeTime';

/** Newest first; events without a time last. */
const byLastSeen = (a: RuntimeEvent, b: RuntimeEvent) =>
  (b.lastSeen ?? '').localeCompare(a.lastSeen ?? '');

/** Kubernetes events about the deployment's objects, warnings highlighted. */
export function EventsTable(props: { events: RuntimeEvent[] }) {
  if (props.events.length === 0) {
    return (
      <Typography color="text.secondary">
        No recent events for this deployment.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Events">
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
        {[...props.events].sort(byLastSeen).map((event, index) => {
          const warning = event.type === 'Warning';
          return (
            <TableRow
              key={`${event.object}/${event.reason}/${index}`}
              sx={
                warning
                  ? {
                      bgcolor: theme => alpha(theme.palette.warning.main, 0.12),
                    }
                  : undefined
              }
            >
              <TableCell>
                <Chip
                  size="small"
                  label={event.type}
                  color={warning ? 'warning' : 'default'}
                  variant={warning ? 'filled' : 'outlined'}
                />
              </TableCell>
              <TableCell>{event.reason}</TableCell>
              <TableCell>{event.message}</TableCell>
              <TableCell>{event.object}</TableCell>
              <TableCell align="right">{event.count}</TableCell>
              <TableCell>
                {event.lastSeen ? <RelativeTime value={event.lastSeen} /> : '—'}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
