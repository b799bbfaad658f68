import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type {
  DeploymentUsage,
  ResourceAmounts,
  Usage,
} from '@stagecraft/plugin-stagecraft-common';
import { Fragment } from 'react';
import { contentSizedTable } from '../shared/tableLayout';
import { ResourceMeter } from './ResourceMeter';

/** CPU and memory of each pod (and of each container when a pod has several) now, and in all. */
export function PodUsageTable(props: { usage: DeploymentUsage }) {
  const { pods, totals } = props.usage;
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" sx={contentSizedTable} aria-label="Pod usage">
        <TableHead>
          <TableRow>
            <TableCell>Pod</TableCell>
            <TableCell>CPU</TableCell>
            <TableCell>Memory</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {pods.map(pod => (
            <Fragment key={pod.name}>
              <UsageRow
                name={pod.name}
                detail={pod.phase}
                usage={pod.usage}
                requests={pod.requests}
                limits={pod.limits}
              />
              {pod.containers.length > 1 &&
                pod.containers.map(container => (
                  <UsageRow
                    key={container.name}
                    name={container.name}
                    detail={`container of ${pod.name}`}
                    usage={container.usage}
                    requests={container.requests}
                    limits={container.limits}
                    nested
                  />
                ))}
            </Fragment>
          ))}
          {pods.length > 1 && (
            <UsageRow
              name={`All ${pods.length} pods`}
              usage={totals.usage}
              requests={totals.requests}
              limits={totals.limits}
              total
            />
          )}
        </TableBody>
      </Table>
    </Box>
  );
}

function UsageRow(props: {
  name: string;
  detail?: string;
  usage?: Usage;
  requests: ResourceAmounts;
  limits: ResourceAmounts;
  nested?: boolean;
  total?: boolean;
}) {
  const { name, usage, requests, limits } = props;
  return (
    <TableRow sx={props.total ? { '& td': { fontWeight: 'bold' } } : {}}>
      <TableCell sx={{ pl: props.nested ? 4 : undefined }}>
        <Typography
          variant="body2"
          fontWeight={props.total ? 'bold' : undefined}
        >
          {name}
        </Typography>
        {props.detail && (
          <Typography variant="caption" color="text.secondary">
            {props.detail}
          </Typography>
        )}
      </TableCell>
      <TableCell>
        <ResourceMeter
          resource="cpu"
          label={`CPU of ${name}`}
          used={usage?.cpuMillicores}
          request={requests.cpuMillicores}
          limit={limits.cpuMillicores}
        />
      </TableCell>
      <TableCell>
        <ResourceMeter
          resource="memory"
          label={`Memory of ${name}`}
          used={usage?.memoryBytes}
          request={requests.memoryBytes}
          limit={limits.memoryBytes}
        />
      </TableCell>
    </TableRow>
  );
}
