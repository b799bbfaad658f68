import { useApi } from '@backstage/frontend-plugin-api';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type {
  MetricName,
  MetricsReport,
  ObservabilityRange,
} from '@stagecraft/plugin-stagecraft-common';
import { ReactNode, useCallback } from 'react';
import { stagecraftApiRef } from '../../api/StagecraftApi';
import { usePolling } from '../Runtime/usePolling';
import { LoadingState } from '../shared/LoadingState';
import { formatPointTime } from './formatMetricValue';
import { MetricCard } from './MetricCard';
import { ProviderNotice } from './ProviderNotice';
import { ChartReference } from './TimeSeriesChart';

/** How often the charts reload while the browser tab is visible: new points come every 15 s. */
export const METRICS_REFRESH_INTERVAL_MS = 60_000;

/**
 * The deployment's time series over `range`, polled, with every state a provider can be in:
 * loading, not configured (and what to configure), unavailable (and why), no metrics, data.
 * `only` keeps the named metrics (the Runtime tab shows CPU, memory and restarts).
 */
export function MetricsPanel(props: {
  componentRef: string;
  environment: string;
  range: ObservabilityRange;
  only?: MetricName[];
  references?: Partial<Record<MetricName, ChartReference[]>>;
  refreshIntervalMs?: number;
}) {
  const { componentRef, environment, range } = props;
  const api = useApi(stagecraftApiRef);
  const report = usePolling(
    useCallback(
      () => api.getMetrics(componentRef, environment, range),
      [api, componentRef, environment, range],
    ),
    props.refreshIntervalMs ?? METRICS_REFRESH_INTERVAL_MS,
  );
  if (report.loading) return <LoadingState label="Loading metric charts" />;
  if (!report.value) {
    return (
      <Alert severity="error">
        Could not load metrics: {report.error?.message}
      </Alert>
    );
  }
  return (
    <Stack spacing={2}>
      {report.error && (
        <Alert severity="warning">
          Could not refresh the metrics; showing the last that loaded.{' '}
          {report.error.message}
        </Alert>
      )}
      <ReportBody
        report={report.value}
        environment={environment}
        only={props.only}
        references={props.references}
      />
    </Stack>
  );
}

function ReportBody(props: {
  report: MetricsReport;
  environment: string;
  only?: MetricName[];
  references?: Partial<Record<MetricName, ChartReference[]>>;
}): ReactNode {
  const { report, only } = props;
  if (report.state !== 'ok') {
    return (
      <ProviderNotice
        kind="metrics"
        state={report.state}
        environment={props.environment}
        reason={report.reason}
      />
    );
  }
  const metrics = report.metrics.filter(m => !only || only.includes(m.name));
  if (!metrics.length) {
    return (
      <Alert severity="info" role="status">
        The metrics provider has no metrics for this deployment.
      </Alert>
    );
  }
  const start = report.start ? Date.parse(report.start) : NaN;
  const end = report.end ? Date.parse(report.end) : NaN;
  const domain: [number, number] | undefined =
    Number.isFinite(start) && Number.isFinite(end) ? [start, end] : undefined;
  return (
    <>
      {domain && (
        <Typography variant="body2" color="text.secondary">
          From {formatPointTime(domain[0])} to {formatPointTime(domain[1])}
          {report.stepSeconds ? `, a point every ${report.stepSeconds} s` : ''}
          {report.provider ? ` (${report.provider})` : ''}
        </Typography>
      )}
      <Box
        sx={{
          display: 'grid',
          gap: 2,
          gridTemplateColumns: 'repeat(auto-fill, minmax(420px, 1fr))',
        }}
      >
        {metrics.map(metric => (
          <MetricCard
            key={metric.name}
            metric={metric}
            domain={domain}
            references={props.references?.[metric.name]}
          />
        ))}
      </Box>
    </>
  );
}
