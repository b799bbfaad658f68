import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import type { DeploymentUsage } from '@stagecraft/plugin-stagecraft-common';
import { MetricsPanel } from '../Metrics/MetricsPanel';
import type { Polled } from '../Runtime/usePolling';
import { useDeploymentUsage } from './useDeploymentUsage';
import { Section } from '../Runtime/Section';
import { LoadingState } from '../shared/LoadingState';
import { PodUsageTable } from './PodUsageTable';
import { resourceReferences } from './resourceReferences';

/** metrics-server samples every 10–15 s; polling faster only repeats the same figures. */
export const USAGE_REFRESH_INTERVAL_MS = 15_000;

/**
 * The Runtime tab's usage: CPU and memory of each pod now against its requests and limits,
 * and over the last hour (with requests and limits drawn across), and restarts over time.
 */
export function RuntimeUsage(props: {
  componentRef: string;
  environment: string;
  refreshIntervalMs?: number;
}) {
  const { componentRef, environment } = props;
  const usage = useDeploymentUsage(
    componentRef,
    environment,
    props.refreshIntervalMs ?? USAGE_REFRESH_INTERVAL_MS,
  );
  const references = resourceReferences(usage.value);
  return (
    <>
      <Section title="Resource usage now">
        <UsageNow usage={usage} />
      </Section>
      <Section title="Last hour">
        <MetricsPanel
          componentRef={componentRef}
          environment={environment}
          range="1h"
          only={['cpu', 'memory', 'restarts']}
          references={references}
        />
      </Section>
    </>
  );
}

function UsageNow(props: { usage: Polled<DeploymentUsage> }) {
  const { usage } = props;
  if (usage.loading) return <LoadingState label="Loading resource usage" />;
  if (!usage.value) {
    return (
      <Alert severity="error">
        Could not load resource usage: {usage.error?.message}
      </Alert>
    );
  }
  const value = usage.value;
  return (
    <Stack spacing={1}>
      {usage.error && (
        <Alert severity="warning">
          Could not refresh the usage; showing the last that loaded.{' '}
          {usage.error.message}
        </Alert>
      )}
      {!value.available && (
        <Alert severity="info" role="status">
          Usage now is not available: {value.reason ?? 'no metrics API.'}
          {value.pods.length > 0 && ' Requests and limits are still shown.'}
        </Alert>
      )}
      {value.pods.length === 0 ? (
        <Alert severity="info" role="status">
          No pods run for this component in this environment.
        </Alert>
      ) : (
        <PodUsageTable usage={value} />
      )}
    </Stack>
  );
}
