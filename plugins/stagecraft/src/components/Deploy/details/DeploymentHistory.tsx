import { useApi } from '@backstage/frontend-plugin-api';
import Alert from '@mui/material/Alert';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import useAsync from 'react-use/esm/useAsync';
import { stagecraftApiRef } from '../../../api/StagecraftApi';
import { LoadingState } from '../../shared/LoadingState';
import { RelativeTime } from '../../shared/RelativeTime';
import { shortReleaseId } from '../../shared/shortReleaseId';
import { historyActionLabel, historyNote } from './historyActionLabel';

/** Who did what to the component's deployments, newest first. */
export function DeploymentHistory(props: {
  componentRef: string;
  /** Changes whenever the history may have grown, to re-read it. */
  refreshKey: number;
}) {
  const api = useApi(stagecraftApiRef);
  const { value, loading, error } = useAsync(
    () => api.listHistory(props.componentRef),
    [api, props.componentRef, props.refreshKey],
  );
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
      <Table size="small" stickyHeader aria-label="Deployment history">
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
            <TableRow key={record.id}>
              <TableCell>
                <RelativeTime value={record.at} />
              </TableCell>
              <TableCell>{record.environment}</TableCell>
              <TableCell>
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
