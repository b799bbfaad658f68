import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@mui/material/Box';
import { DeploymentEnvironments } from './DeploymentEnvironments';
import { RuntimePanel } from './RuntimePanel';

/** How often the tab polls pods, events and drift while the browser tab is visible. */
export const RUNTIME_REFRESH_INTERVAL_MS = 5000;

/**
 * The Runtime tab of a deployable Component: per environment, its pods, events, resource
 * usage, drift history and observability links.
 */
export function RuntimeContent(props: { refreshIntervalMs?: number }) {
  const { entity } = useEntity();
  const componentRef = stringifyEntityRef(entity);
  return (
    <Box sx={{ p: 2 }}>
      <DeploymentEnvironments componentRef={componentRef} subject="runtime">
        {environment => (
          <RuntimePanel
            // A fresh panel per environment, so one environment's pods never show under another.
            key={environment}
            componentRef={componentRef}
            environment={environment}
            refreshIntervalMs={
              props.refreshIntervalMs ?? RUNTIME_REFRESH_INTERVAL_MS
            }
          />
        )}
      </DeploymentEnvironments>
    </Box>
  );
}
