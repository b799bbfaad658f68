import Alert from '@mui/material/Alert';
import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import { LoadingState } from '../../shared/LoadingState';
import { RelativeTime } from '../../shared/RelativeTime';
import { shortReleaseId } from '../../shared/shortReleaseId';
import type { DeploymentHistoryState } from '../useDeploymentHistory';
import {
  historyActionLabel,
  historyNote,
  isBreakGlass,
} from './historyActionLabel';
import { contentSizedTable } from '../../shared/tableLayout';

/** A red edge down a break-glass row, readable in light and dark themes alike. */
const breakGlassRow = {
  '& td:first-of-type': { borderLeft: 4, borderLeftColor: 'error.main' },
};

/** Who did what to the component's deployments, newest first. */
export function DeploymentHistory(props: { history: DeploymentHistoryState }) {
  const { records: value, loading, error } = props.history;
  if (loading && !value) return <LoadingState label="Loading history" />;
  if (error)
    return (
      <Alert severity="error">
        Could not load the history: {error.message}
      </Alert>
    );
  if (!value?.length)
    return <Alert severity="info">Nothing has been deployed yet.</Alert>;
  return (
    <TableContainer sx={{ maxHeight: 420 }}>
      <Table
        size="small"
        sx={contentSizedTable}
        stickyHeader
        aria-label="Deployment history"
      >
        <TableHead>
          <TableRow>
            <TableCell>When</TableCell>
            <TableCell>Environment</TableCell>
            <TableCell>Action</TableCell>
            <TableCell>Release</TableCell>
            <TableCell>By</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {value.map(record => (
            <TableRow
              key={record.id}
              sx={isBreakGlass(record) ? breakGlassRow : undefined}
            >
              <TableCell>
                <RelativeTime value={record.at} />
              </TableCell>
              <TableCell>{record.environment}</TableCell>
              <TableCell>
                {isBreakGlass(record) && <BreakGlassMark />}
                {historyActionLabel[record.action] ?? record.action}{' '}
                {historyNote(record)}
              </TableCell>
              <TableCell sx={{ fontFamily: 'monospace' }}>
                {record.releaseId ? shortReleaseId(record.releaseId) : '—'}
              </TableCell>
              <TableCell>{record.actor}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

/**
 * A deploy that skipped the pipeline rule under the break-glass permission: marked so that
 * nobody reads it as an ordinary promotion.
 */
function BreakGlassMark() {
  return (
    <Tooltip title="Deployed past the pipeline rule with the break-glass permission">
      <Chip
        size="small"
        color="error"
        label="Break-glass"
        sx={{ mr: 1, fontWeight: 'bold' }}
      />
    </Tooltip>
  );
}
