import type { PodSummary } from '@stagecraft/plugin-stagecraft-common';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import {
  formatAge,
  formatCpu,
  formatMemory,
  formatOwnerChain,
} from './formatRuntime';
import { lastTermination } from './podStatus';
import { PodStatusChip } from './PodStatusChip';
import { contentSizedTable, noWrap } from '../shared/tableLayout';

/** The deployment's pods, one row each; usage columns only when the metrics API answered. */
export function PodsTable(props: { pods: PodSummary[]; now: number }) {
  const { pods, now } = props;
  if (pods.length === 0) {
    return (
      <Typography color="text.secondary">
        No pods are running in this environment.
      </Typography>
    );
  }
  const withUsage = pods.some(pod => pod.usage);
  return (
    <Table size="small" sx={contentSizedTable} aria-label="Pods">
      <TableHead>
        <TableRow>
          <TableCell>Pod</TableCell>
          <TableCell>Status</TableCell>
          <TableCell align="right">Restarts</TableCell>
          <TableCell>Age</TableCell>
          <TableCell>Node</TableCell>
          <TableCell>Last termination</TableCell>
          <TableCell>Owner</TableCell>
          {withUsage && <TableCell align="right">CPU</TableCell>}
          {withUsage && <TableCell align="right">Memory</TableCell>}
        </TableRow>
      </TableHead>
      <TableBody>
        {pods.map(pod => (
          <TableRow key={pod.name}>
            <TableCell>{pod.name}</TableCell>
            <TableCell sx={noWrap}>
              <PodStatusChip pod={pod} />
            </TableCell>
            <TableCell align="right">{pod.restarts}</TableCell>
            <TableCell sx={noWrap}>{formatAge(pod.startedAt, now)}</TableCell>
            <TableCell sx={noWrap}>{pod.node ?? '—'}</TableCell>
            <TableCell>{lastTermination(pod) ?? '—'}</TableCell>
            <TableCell>{formatOwnerChain(pod.owners) || '—'}</TableCell>
            {withUsage && (
              <TableCell align="right">
                {pod.usage ? formatCpu(pod.usage.cpuMillicores) : '—'}
              </TableCell>
            )}
            {withUsage && (
              <TableCell align="right">
                {pod.usage ? formatMemory(pod.usage.memoryBytes) : '—'}
              </TableCell>
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
