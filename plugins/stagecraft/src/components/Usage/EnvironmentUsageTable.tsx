import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { EnvironmentUsageItem } from '@stagecraft/plugin-stagecraft-common';
import { useCallback } from 'react';
import { stagecraftApiRef } from '../../api/StagecraftApi';
import { usePolling } from '../Runtime/usePolling';
import { LoadingState } from '../shared/LoadingState';
import { contentSizedTable } from '../shared/tableLayout';
import { GLANCE_REFRESH_INTERVAL_MS } from './UsageGlance';
import { ResourceMeter } from './ResourceMeter';

/**
 * Usage at a glance of everything deployed in an environment (that the user may read): pods,
 * CPU and memory of each deployment against what its pods request and are limited to.
 */
export function EnvironmentUsageTable(props: {
  environment: string;
  refreshIntervalMs?: number;
}) {
  const { environment } = props;
  const api = useApi(stagecraftApiRef);
  const usage = usePolling(
    useCallback(() => api.getEnvironmentUsage(environment), [api, environment]),
    props.refreshIntervalMs ?? GLANCE_REFRESH_INTERVAL_MS,
  );
  return (
    <Box component="section" aria-label={`Resource usage in ${environment}`}>
      <Typography variant="h6" component="h3" gutterBottom>
        Resource usage
      </Typography>
      <UsageBody
        environment={environment}
        loading={usage.loading}
        error={usage.error}
        items={usage.value?.items}
      />
    </Box>
  );
}

function UsageBody(props: {
  environment: string;
  loading: boolean;
  error?: Error;
  items?: EnvironmentUsageItem[];
}) {
  const { items, environment } = props;
  if (props.loading)
    return <LoadingState label={`Loading resource usage in ${environment}`} />;
  if (!items)
    return (
      <Alert severity="error">
        Could not load resource usage in {environment}: {props.error?.message}
      </Alert>
    );
  if (!items.length)
    return (
      <Alert severity="info" role="status">
        Nothing runs in {environment} that you may see.
      </Alert>
    );
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table
        size="small"
        sx={contentSizedTable}
        aria-label={`Usage in ${environment}`}
      >
        <TableHead>
          <TableRow>
            <TableCell>Component</TableCell>
            <TableCell align="right">Pods</TableCell>
            <TableCell>CPU</TableCell>
            <TableCell>Memory</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map(item => (
            <TableRow key={item.componentRef}>
              <TableCell>
                <EntityRefLink entityRef={item.componentRef} />
              </TableCell>
              <TableCell align="right">{item.podCount}</TableCell>
              <UsageCells item={item} />
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

/** The CPU and memory cells of one component's row: meters, or why there are none. */
function UsageCells({ item }: { item: EnvironmentUsageItem }) {
  if (item.podCount === 0)
    return (
      <TableCell colSpan={2}>
        <Typography variant="body2" color="text.secondary">
          No pods run now (scaled to zero, or a job between runs).
        </Typography>
      </TableCell>
    );
  if (!item.available)
    return (
      <TableCell colSpan={2}>
        <Typography variant="body2" color="text.secondary">
          Not available: {item.reason ?? 'no metrics API.'}
        </Typography>
      </TableCell>
    );
  return (
    <>
      <TableCell>
        <ResourceMeter
          resource="cpu"
          label={`CPU of ${item.componentRef}`}
          used={item.usage?.cpuMillicores}
          request={item.requests.cpuMillicores}
          limit={item.limits.cpuMillicores}
        />
      </TableCell>
      <TableCell>
        <ResourceMeter
          resource="memory"
          label={`Memory of ${item.componentRef}`}
          used={item.usage?.memoryBytes}
          request={item.requests.memoryBytes}
          limit={item.limits.memoryBytes}
        />
      </TableCell>
    </>
  );
}
