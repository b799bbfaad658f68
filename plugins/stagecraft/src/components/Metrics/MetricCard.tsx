import Box from '@mui/material/Box';
import { useTheme } from '@mui/material/styles';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { MetricReport } from '@stagecraft/plugin-stagecraft-common';
import { contentSizedTable, noWrap } from '../shared/tableLayout';
import { seriesFigures, seriesLabel } from './chartRows';
import { formatMetricValue } from './formatMetricValue';
import {
  ChartReference,
  seriesStroke,
  TimeSeriesChart,
} from './TimeSeriesChart';

/**
 * One metric over the range: its chart and, below it, the latest and highest value of each
 * series in words; or why there is nothing to draw (no data, or this query failed).
 */
export function MetricCard(props: {
  metric: MetricReport;
  domain?: [number, number];
  references?: ChartReference[];
}) {
  const { metric } = props;
  const drawable = metric.series.filter(s => s.points.length > 0);
  return (
    <Paper
      component="section"
      aria-label={metric.title}
      variant="outlined"
      sx={{ p: 2, minWidth: 0 }}
    >
      <Typography variant="subtitle1" component="h4" gutterBottom>
        {metric.title}
      </Typography>
      {metric.state === 'unavailable' && (
        <Typography color="text.secondary" role="status">
          Unavailable: {metric.reason ?? 'the query failed.'}
        </Typography>
      )}
      {metric.state !== 'unavailable' && drawable.length === 0 && (
        <Typography color="text.secondary" role="status">
          No data in this range
          {metric.reason ? `: ${metric.reason}` : '.'}
        </Typography>
      )}
      {metric.state !== 'unavailable' && drawable.length > 0 && (
        <>
          <TimeSeriesChart
            title={metric.title}
            unit={metric.unit}
            series={drawable}
            domain={props.domain}
            references={props.references}
            stepped={metric.unit === 'count'}
          />
          <SeriesFigures metric={{ ...metric, series: drawable }} />
        </>
      )}
    </Paper>
  );
}

/** The numbers behind the chart, so nobody has to read them off a line's colour. */
function SeriesFigures(props: { metric: MetricReport }) {
  const { metric } = props;
  const theme = useTheme();
  const format = (v: number) => formatMetricValue(metric.unit, v);
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table
        size="small"
        sx={contentSizedTable}
        aria-label={`${metric.title} figures`}
      >
        <TableHead>
          <TableRow>
            <TableCell>{metric.series[0]?.pod ? 'Pod' : 'Series'}</TableCell>
            <TableCell align="right">Latest</TableCell>
            <TableCell align="right">Highest</TableCell>
            <TableCell align="right">Mean</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {metric.series.map((series, index) => {
            const figures = seriesFigures(series);
            const label = seriesLabel(series, index);
            return (
              <TableRow key={label}>
                <TableCell>
                  <Box
                    component="span"
                    sx={{
                      display: 'inline-flex',
                      alignItems: 'center',
                      gap: 1,
                    }}
                  >
                    <svg width="24" height="8" aria-hidden>
                      <line
                        x1="0"
                        y1="4"
                        x2="24"
                        y2="4"
                        strokeWidth="2"
                        {...seriesStroke(theme, index)}
                      />
                    </svg>
                    {label}
                  </Box>
                </TableCell>
                <TableCell align="right" sx={noWrap}>
                  {figures ? format(figures.latest) : '—'}
                </TableCell>
                <TableCell align="right" sx={noWrap}>
                  {figures ? format(figures.max) : '—'}
                </TableCell>
                <TableCell align="right" sx={noWrap}>
                  {figures ? format(figures.mean) : '—'}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Box>
  );
}
