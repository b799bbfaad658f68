import { useApi } from '@backstage/frontend-plugin-api';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';
import { stagecraftApiRef } from '../../api/StagecraftApi';
import { contentSizedTable } from '../shared/tableLayout';

const targetTypeLabel = {
  kubernetes: 'Kubernetes cluster (server-side apply)',
  gitops: 'GitOps repository (synced by Argo CD or Flux)',
};

/**
 * The platform overview: where Stagecraft deploys to.
 */
export function PlatformPage() {
  const api = useApi(stagecraftApiRef);
  const {
    value: targets,
    loading,
    error,
  } = useAsync(() => api.listTargets(), [api]);

  if (loading) {
    return (
      <Box sx={{ p: 3, display: 'flex', justifyContent: 'center' }}>
        <CircularProgress aria-label="Loading data-plane targets" />
      </Box>
    );
  }
  if (error) {
    return (
      <Box sx={{ p: 3 }}>
        <Alert severity="error">
          Could not load data-plane targets: {error.message}
        </Alert>
      </Box>
    );
  }
  if (!targets?.length) {
    return (
      <Box sx={{ p: 3 }}>
        <Alert severity="info">
          No data-plane targets are configured. Add one under{' '}
          <code>stagecraft.targets</code> in app-config.yaml.
        </Alert>
      </Box>
    );
  }
  return (
    <Box sx={{ p: 3 }}>
      <Typography variant="h6" component="h2" gutterBottom>
        Data-plane targets
      </Typography>
      <Table
        size="small"
        sx={contentSizedTable}
        aria-label="Data-plane targets"
      >
        <TableHead>
          <TableRow>
            <TableCell>Name</TableCell>
            <TableCell>Type</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {targets.map(target => (
            <TableRow key={target.name}>
              <TableCell>{target.name}</TableCell>
              <TableCell>
                {targetTypeLabel[target.type] ?? target.type}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
