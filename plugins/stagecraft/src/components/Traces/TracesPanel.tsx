import { useApi } from '@backstage/frontend-plugin-api';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import type {
  ObservabilityRange,
  TracesReport,
} from '@stagecraft/plugin-stagecraft-common';
import { useCallback, useState } from 'react';
import { stagecraftApiRef } from '../../api/StagecraftApi';
import { ProviderNotice } from '../Metrics/ProviderNotice';
import { RangePicker } from '../Metrics/RangePicker';
import { usePolling } from '../Runtime/usePolling';
import { LoadingState } from '../shared/LoadingState';
import { TracesTable } from './TracesTable';

/** New traces arrive all the time; a list older than this reads as stale. */
export const TRACES_REFRESH_INTERVAL_MS = 30_000;
/** How many traces to list: enough to spot a pattern, few enough to read. */
export const TRACES_LIMIT = 20;

/**
 * Recent traces of one component in one environment, with an errors-only switch and the
 * look-back window, polled; every provider state has its own message.
 */
export function TracesPanel(props: {
  componentRef: string;
  environment: string;
  refreshIntervalMs?: number;
}) {
  const { componentRef, environment } = props;
  const api = useApi(stagecraftApiRef);
  const [errorsOnly, setErrorsOnly] = useState(false);
  const [lookback, setLookback] = useState<ObservabilityRange>('1h');
  const report = usePolling(
    useCallback(
      () =>
        api.listTraces(componentRef, environment, {
          limit: TRACES_LIMIT,
          errorsOnly,
          lookback,
        }),
      [api, componentRef, environment, errorsOnly, lookback],
    ),
    props.refreshIntervalMs ?? TRACES_REFRESH_INTERVAL_MS,
  );
  const searchUrl =
    report.value?.state === 'ok' ? report.value.searchUrl : undefined;

  return (
    <Stack spacing={2}>
      <Stack
        direction="row"
        spacing={2}
        alignItems="center"
        flexWrap="wrap"
        useFlexGap
      >
        <FormControlLabel
          control={
            <Switch
              checked={errorsOnly}
              onChange={e => setErrorsOnly(e.target.checked)}
            />
          }
          label="Errors only"
        />
        <RangePicker
          value={lookback}
          onChange={setLookback}
          label="Look back"
        />
        {searchUrl && (
          <Button
            size="small"
            variant="outlined"
            href={searchUrl}
            target="_blank"
            rel="noopener noreferrer"
            endIcon={<OpenInNewIcon fontSize="small" />}
          >
            Search in {report.value?.provider ?? 'the tracing tool'}
          </Button>
        )}
      </Stack>
      {report.loading && <LoadingState label="Loading recent traces" />}
      {!report.loading && !report.value && (
        <Alert severity="error">
          Could not load traces: {report.error?.message}
        </Alert>
      )}
      {report.value && report.error && (
        <Alert severity="warning">
          Could not refresh the traces; showing the last that loaded.{' '}
          {report.error.message}
        </Alert>
      )}
      {!report.loading && report.value && (
        <TracesBody
          report={report.value}
          environment={environment}
          errorsOnly={errorsOnly}
          lookback={lookback}
        />
      )}
    </Stack>
  );
}

function TracesBody(props: {
  report: TracesReport;
  environment: string;
  errorsOnly: boolean;
  lookback: ObservabilityRange;
}) {
  const { report } = props;
  if (report.state !== 'ok') {
    return (
      <ProviderNotice
        kind="traces"
        state={report.state}
        environment={props.environment}
        reason={report.reason}
      />
    );
  }
  if (!report.traces.length) {
    return (
      <Alert severity={props.errorsOnly ? 'success' : 'info'} role="status">
        {props.errorsOnly
          ? `No traces with errors in ${props.environment} in the last ${props.lookback}.`
          : `No traces in ${props.environment} in the last ${props.lookback}: the component has sent none, or it is not instrumented.`}
      </Alert>
    );
  }
  return <TracesTable traces={report.traces} />;
}
