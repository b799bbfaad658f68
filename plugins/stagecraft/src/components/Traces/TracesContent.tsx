import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';
import { stagecraftApiRef } from '../../api/StagecraftApi';
import { DeploymentEnvironments } from '../Runtime/DeploymentEnvironments';
import { ObservabilityLinks } from '../Runtime/ObservabilityLinks';
import { TracesPanel } from './TracesPanel';

/**
 * The Traces tab of a deployable Component: per environment, its recent traces, and the
 * configured links to dashboards and tools as shortcuts.
 */
export function TracesContent(props: { refreshIntervalMs?: number }) {
  const { entity } = useEntity();
  const componentRef = stringifyEntityRef(entity);
  return (
    <Box sx={{ p: 2 }}>
      <DeploymentEnvironments componentRef={componentRef} subject="traces">
        {environment => (
          <Stack spacing={2} key={environment}>
            <Shortcuts componentRef={componentRef} environment={environment} />
            <TracesPanel
              componentRef={componentRef}
              environment={environment}
              refreshIntervalMs={props.refreshIntervalMs}
            />
          </Stack>
        )}
      </DeploymentEnvironments>
    </Box>
  );
}

/** The URL-template links of the environment (Runtime tab's too); nothing when none. */
function Shortcuts(props: { componentRef: string; environment: string }) {
  const api = useApi(stagecraftApiRef);
  const { componentRef, environment } = props;
  const links = useAsync(
    () => api.listLinks(componentRef, environment),
    [api, componentRef, environment],
  );
  if (!links.error && !links.value?.length) return null;
  return (
    <Stack direction="row" spacing={2} alignItems="center">
      <Typography variant="body2" color="text.secondary">
        Shortcuts
      </Typography>
      <ObservabilityLinks links={links.value} error={links.error} />
    </Stack>
  );
}
