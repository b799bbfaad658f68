import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import useAsync from 'react-use/esm/useAsync';
import { stagecraftApiRef } from '../../api/StagecraftApi';
import { LoadingState } from '../shared/LoadingState';
import { RelativeTime } from '../shared/RelativeTime';
import { shortReleaseId } from '../shared/shortReleaseId';
import { SyncStateChip } from '../shared/SyncStateChip';
import { contentSizedTable } from '../shared/tableLayout';
import { EnvironmentUsageTable } from '../Usage/EnvironmentUsageTable';

/** Everything deployed in the Environment entity's environment (that the user may read). */
export function EnvironmentDeploymentsContent() {
  const { entity } = useEntity();
  const environment = entity.metadata.name;
  const api = useApi(stagecraftApiRef);
  const { value, loading, error } = useAsync(
    () => api.listEnvironmentDeployments(environment),
    [api, environment],
  );

  if (loading)
    return <LoadingState label={`Loading deployments in ${environment}`} />;
  if (error)
    return (
      <Box sx={{ p: 3 }}>
        <Alert severity="error">
          Could not load the deployments in {environment}: {error.message}
        </Alert>
      </Box>
    );
  if (!value?.length)
    return (
      <Box sx={{ p: 3 }}>
        <Alert severity="info">Nothing is deployed in {environment} yet.</Alert>
      </Box>
    );
  return (
    <Box sx={{ p: 3 }}>
      <Table
        size="small"
        sx={contentSizedTable}
        aria-label={`Deployments in ${environment}`}
      >
        <TableHead>
          <TableRow>
            <TableCell>Component</TableCell>
            <TableCell>Release</TableCell>
            <TableCell>Image</TableCell>
            <TableCell>State</TableCell>
            <TableCell>Replicas</TableCell>
            <TableCell>Deployed</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {value.map(d => (
            <TableRow key={d.componentRef}>
              <TableCell>
                <EntityRefLink entityRef={d.componentRef} />
              </TableCell>
              <TableCell sx={{ fontFamily: 'monospace' }} title={d.releaseId}>
                {shortReleaseId(d.releaseId)}
              </TableCell>
              <TableCell>{d.image ?? '—'}</TableCell>
              <TableCell>
                <SyncStateChip state={d.sync.state} reason={d.sync.reason} />
                {d.desiredState === 'undeployed' && ' (undeployed)'}
              </TableCell>
              <TableCell>
                {d.replicas
                  ? `${d.replicas.ready} of ${d.replicas.desired} ready`
                  : '—'}
              </TableCell>
              <TableCell>
                by {d.updatedBy}, <RelativeTime value={d.updatedAt} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Box sx={{ mt: 3 }}>
        <EnvironmentUsageTable environment={environment} />
      </Box>
    </Box>
  );
}
