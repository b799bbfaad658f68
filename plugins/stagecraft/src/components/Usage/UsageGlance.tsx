import Box from '@mui/material/Box';
import type {
  ResourceAmounts,
  Usage,
} from '@stagecraft/plugin-stagecraft-common';
import { useDeploymentUsage } from './useDeploymentUsage';
import { StatusIcon } from '../shared/StatusIcon';
import { formatResource, Resource, usageLevel } from './usageLevel';

/** The overview refreshes less often than the Runtime tab: it is a glance. */
export const GLANCE_REFRESH_INTERVAL_MS = 30_000;

/**
 * A deployment's CPU and memory in one line, inline (it sits inside list and table text):
 * `CPU 180m of 500m requested (within request) · Memory 150 MiB of 256 MiB requested …`.
 */
export function UsageGlance(props: {
  available: boolean;
  reason?: string;
  usage?: Usage;
  requests: ResourceAmounts;
  limits: ResourceAmounts;
}) {
  const { usage } = props;
  if (!props.available || !usage) {
    return (
      <Box component="span" sx={{ display: 'block' }}>
        Usage not available{props.reason ? `: ${props.reason}` : ''}
      </Box>
    );
  }
  const part = (resource: Resource, label: string) => {
    const field = resource === 'cpu' ? 'cpuMillicores' : 'memoryBytes';
    const request = props.requests[field];
    const level = usageLevel(usage[field], request, props.limits[field]);
    return (
      <Box
        component="span"
        sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}
      >
        <StatusIcon tone={level.tone} />
        {label} {formatResource(resource, usage[field])}
        {request ? ` of ${formatResource(resource, request)} requested` : ''}
        {` (${level.words})`}
      </Box>
    );
  };
  return (
    <Box
      component="span"
      sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 1.5 }}
      aria-label="Resource usage"
    >
      {part('cpu', 'CPU')}
      {part('memory', 'Memory')}
    </Box>
  );
}

/** The glance for one deployment, loaded and kept fresh; nothing until the first answer. */
export function DeploymentUsageGlance(props: {
  componentRef: string;
  environment: string;
  refreshIntervalMs?: number;
}) {
  const { componentRef, environment } = props;
  const usage = useDeploymentUsage(
    componentRef,
    environment,
    props.refreshIntervalMs ?? GLANCE_REFRESH_INTERVAL_MS,
  );
  if (usage.loading) return null;
  if (!usage.value) {
    return (
      <Box component="span" sx={{ display: 'block' }}>
        Usage could not be loaded
      </Box>
    );
  }
  const { available, reason, totals } = usage.value;
  return (
    <UsageGlance
      available={available}
      reason={reason}
      usage={totals.usage}
      requests={totals.requests}
      limits={totals.limits}
    />
  );
}
