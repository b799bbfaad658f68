import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@mui/material/Box';
import { DeploymentEnvironments } from '../Runtime/DeploymentEnvironments';
import { LogsPanel } from './LogsPanel';

/** The Logs tab of a deployable Component: live logs of its pods, per environment. */
export function LogsContent() {
  const { entity } = useEntity();
  const componentRef = stringifyEntityRef(entity);
  return (
    <Box sx={{ p: 2 }}>
      <DeploymentEnvironments componentRef={componentRef} subject="logs">
        {environment => (
          <LogsPanel
            key={environment}
            componentRef={componentRef}
            environment={environment}
          />
        )}
      </DeploymentEnvironments>
    </Box>
  );
}
