import type { DriftRecord } from '@stagecraft/plugin-stagecraft-common';
import Alert from '@mui/material/Alert';
import CircularProgress from '@mui/material/CircularProgress';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { RelativeTime } from '../shared/RelativeTime';
import { Polled } from './usePolling';
import { contentSizedTable } from '../shared/tableLayout';

const value = (text: string | undefined) =>
  text === undefined ? <em>unset</em> : <code>{text}</code>;

/** Changes made to managed objects outside Stagecraft, and when each was undone. */
export function DriftHistory(props: { drift: Polled<DriftRecord[]> }) {
  const { drift } = props;
  if (drift.loading) {
    return <CircularProgress size={24} aria-label="Loading drift history" />;
  }
  if (!drift.value) {
    return (
      <Alert severity="error">
        Could not load the drift history: {drift.error?.message}
      </Alert>
    );
  }
  if (drift.value.length === 0) {
    return (
      <Typography color="text.secondary">
        No drift recorded for this deployment.
      </Typography>
    );
  }
  return (
    <>
      {drift.error && (
        <Alert severity="warning">
          Could not refresh the drift history: {drift.error.message}
        </Alert>
      )}
      <DriftTable records={drift.value} />
    </>
  );
}

function DriftTable(props: { records: DriftRecord[] }) {
  const { records } = props;
  return (
    <Table size="small" sx={contentSizedTable} aria-label="Drift history">
      <TableHead>
        <TableRow>
          <TableCell>Object</TableCell>
          <TableCell>Field</TableCell>
          <TableCell>Change</TableCell>
          <TableCell>Detected</TableCell>
          <TableCell>Corrected</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {records.map(record => (
          <TableRow
            key={`${record.objectRef}/${record.field}/${record.detectedAt}`}
          >
            <TableCell>{record.objectRef}</TableCell>
            <TableCell>
              <code>{record.field}</code>
            </TableCell>
            <TableCell>
              {value(record.oldValue)} → {value(record.newValue)}
            </TableCell>
            <TableCell>
              <RelativeTime value={record.detectedAt} />
            </TableCell>
            <TableCell>
              {record.correctedAt ? (
                <RelativeTime value={record.correctedAt} />
              ) : (
                'Not yet'
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
