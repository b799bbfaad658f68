import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { TraceSummary } from '@stagecraft/plugin-stagecraft-common';
import { RelativeTime } from '../shared/RelativeTime';
import { StatusIcon } from '../shared/StatusIcon';
import { contentSizedTable, noWrap } from '../shared/tableLayout';
import { formatDuration } from './formatDuration';

/** Recent traces, most recent first, each linking to the trace in the tracing tool. */
export function TracesTable(props: { traces: TraceSummary[] }) {
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" sx={contentSizedTable} aria-label="Traces">
        <TableHead>
          <TableRow>
            <TableCell>Started</TableCell>
            <TableCell>Root operation</TableCell>
            <TableCell>Service</TableCell>
            <TableCell align="right">Duration</TableCell>
            <TableCell align="right">Spans</TableCell>
            <TableCell>Errors</TableCell>
            <TableCell>Trace</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {props.traces.map(trace => (
            <TableRow key={trace.traceId}>
              <TableCell sx={noWrap}>
                <RelativeTime value={trace.startTime} />
              </TableCell>
              <TableCell>{trace.rootOperation}</TableCell>
              <TableCell>{trace.rootService}</TableCell>
              <TableCell align="right" sx={noWrap}>
                {formatDuration(trace.durationMs)}
              </TableCell>
              <TableCell align="right">{trace.spanCount}</TableCell>
              <TableCell sx={noWrap}>
                <ErrorCount count={trace.errorCount} />
              </TableCell>
              <TableCell sx={{ fontFamily: 'monospace' }}>
                <TraceLink trace={trace} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

/** "2 errors" with an error sign, or "none" with a tick: words and an icon besides colour. */
function ErrorCount(props: { count: number }) {
  const failed = props.count > 0;
  return (
    <Typography
      component="span"
      variant="body2"
      // The icon carries the tone: the error colour as text is below 4.5:1 on the dark
      // theme's paper (#f44336 on #333, 3.4:1).
      color={failed ? 'text.primary' : 'text.secondary'}
      sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}
    >
      <StatusIcon tone={failed ? 'error' : 'success'} />
      {failed
        ? `${props.count} ${props.count === 1 ? 'error' : 'errors'}`
        : 'none'}
    </Typography>
  );
}

/**
 * The whole trace ID, as the tracing tool and logs print it (a 12-character prefix matched
 * nothing one could search for, and a link's name must hold its visible text).
 */
function TraceLink(props: { trace: TraceSummary }) {
  const { trace } = props;
  if (!trace.url) return <span>{trace.traceId}</span>;
  return (
    <Link
      href={trace.url}
      target="_blank"
      rel="noopener noreferrer"
      title={`Open trace ${trace.traceId} in the tracing tool`}
      aria-label={`Open trace ${trace.traceId} (${trace.rootOperation})`}
    >
      {trace.traceId}
    </Link>
  );
}
