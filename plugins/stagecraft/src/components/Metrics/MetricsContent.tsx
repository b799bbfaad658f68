import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@mui/material/Box';
import type { ObservabilityRange } from '@stagecraft/plugin-stagecraft-common';
import { useState } from 'react';
import { DeploymentEnvironments } from '../Runtime/DeploymentEnvironments';
import { MetricsPanel } from './MetricsPanel';
import { RangePicker } from './RangePicker';

/**
 * The Metrics tab of a deployable Component: per environment, the time series of its pods
 * (CPU, memory, restarts) and of the component (requests, errors, latency when it exports
 * them) over a range the user picks.
 */
export function MetricsContent(props: { refreshIntervalMs?: number }) {
  const { entity } = useEntity();
  const componentRef = stringifyEntityRef(entity);
  const [range, setRange] = useState<ObservabilityRange>('1h');
  return (
    <Box sx={{ p: 2 }}>
      <DeploymentEnvironments componentRef={componentRef} subject="metrics">
        {environment => (
          <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
            <RangePicker value={range} onChange={setRange} />
            <MetricsPanel
              key={environment}
              componentRef={componentRef}
              environment={environment}
              range={range}
              refreshIntervalMs={props.refreshIntervalMs}
            />
          </Box>
        )}
      </DeploymentEnvironments>
    </Box>
  );
}
