import type { RuntimeSnapshot } from '@stagecraft/plugin-stagecraft-common';
import Typography from '@mui/material/Typography';
import { formatCpu, formatMemory } from './formatRuntime';

/** CPU and memory summed over the pods, or why there are no numbers. */
export function UsageSummary(props: { usage: RuntimeSnapshot['usage'] }) {
  const { usage } = props;
  if (!usage) {
    return (
      <Typography color="text.secondary">
        Metrics not available: the cluster does not serve the metrics API.
      </Typography>
    );
  }
  return (
    <Typography>
      CPU {formatCpu(usage.cpuMillicores)} · Memory{' '}
      {formatMemory(usage.memoryBytes)}
    </Typography>
  );
}
