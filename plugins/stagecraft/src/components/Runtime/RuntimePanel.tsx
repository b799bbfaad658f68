import { useApi } from '@backstage/frontend-plugin-api';
import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import RefreshIcon from '@mui/icons-material/Refresh';
import { useCallback } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { stagecraftApiRef } from '../../api/StagecraftApi';
import { DiagnosePanel } from '../Diagnose/DiagnosePanel';
import { RuntimeUsage } from '../Usage/RuntimeUsage';
import { DriftHistory } from './DriftHistory';
import { ObservabilityLinks } from './ObservabilityLinks';
import { RuntimeSnapshotView } from './RuntimeSnapshotView';
import { Section } from './Section';
import { usePolling } from './usePolling';

/** Everything the Runtime tab shows for one environment, kept fresh by polling. */
export function RuntimePanel(props: {
  componentRef: string;
  environment: string;
  refreshIntervalMs: number;
}) {
  const { componentRef, environment, refreshIntervalMs } = props;
  const api = useApi(stagecraftApiRef);
  const runtime = usePolling(
    useCallback(
      () => api.getRuntime(componentRef, environment),
      [api, componentRef, environment],
    ),
    refreshIntervalMs,
  );
  const drift = usePolling(
    useCallback(
      () => api.listDrift(componentRef, environment),
      [api, componentRef, environment],
    ),
    refreshIntervalMs,
  );
  const links = useAsync(
    () => api.listLinks(componentRef, environment),
    [api, componentRef, environment],
  );

  return (
    <Stack spacing={3}>
      <Stack direction="row" alignItems="center" spacing={2}>
        <ObservabilityLinks links={links.value} error={links.error} />
        <Box sx={{ flexGrow: 1 }} />
        <Tooltip title="Refresh now">
          <IconButton
            aria-label="Refresh runtime"
            onClick={() => {
              runtime.refresh();
              drift.refresh();
            }}
          >
            <RefreshIcon />
          </IconButton>
        </Tooltip>
      </Stack>
      <DiagnosePanel
        componentRef={componentRef}
        environment={environment}
        refreshIntervalMs={refreshIntervalMs}
      />
      <RuntimeSnapshotView runtime={runtime} />
      <RuntimeUsage componentRef={componentRef} environment={environment} />
      <Section title="Drift history">
        <DriftHistory drift={drift} />
      </Section>
    </Stack>
  );
}
