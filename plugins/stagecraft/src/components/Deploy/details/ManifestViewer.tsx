import { useApi } from '@backstage/frontend-plugin-api';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { stagecraftApiRef } from '../../../api/StagecraftApi';
import { LoadingState } from '../../shared/LoadingState';
import { CopyButton } from './CopyButton';

/**
 * The objects each environment's release renders to, as YAML: one environment at a time,
 * fetched when its tab is chosen.
 */
export function ManifestViewer(props: {
  componentRef: string;
  environments: string[];
}) {
  const [environment, setEnvironment] = useState(props.environments[0]);
  if (!environment)
    return (
      <Alert severity="info">
        Nothing is deployed, so nothing is rendered.
      </Alert>
    );
  return (
    <>
      <Tabs
        value={environment}
        onChange={(_, value) => setEnvironment(value)}
        aria-label="Environment"
        variant="scrollable"
      >
        {props.environments.map(env => (
          <Tab key={env} value={env} label={env} />
        ))}
      </Tabs>
      <EnvironmentManifests
        key={environment}
        componentRef={props.componentRef}
        environment={environment}
      />
    </>
  );
}

function EnvironmentManifests(props: {
  componentRef: string;
  environment: string;
}) {
  const api = useApi(stagecraftApiRef);
  const { value, loading, error } = useAsync(
    () => api.getManifests(props.componentRef, props.environment),
    [api, props.componentRef, props.environment],
  );
  if (loading)
    return (
      <LoadingState label={`Loading manifests for ${props.environment}`} />
    );
  if (error)
    return (
      <Alert severity="error">
        Could not render the manifests for {props.environment}: {error.message}
      </Alert>
    );
  return (
    <Box sx={{ position: 'relative', mt: 1 }}>
      <Box sx={{ position: 'absolute', top: 8, right: 24 }}>
        <CopyButton
          text={value ?? ''}
          label={`Copy the manifests for ${props.environment}`}
        />
      </Box>
      <Box
        component="pre"
        tabIndex={0}
        aria-label={`Manifests for ${props.environment}`}
        sx={{
          fontFamily: 'monospace',
          fontSize: '0.8125rem',
          bgcolor: 'action.hover',
          borderRadius: 1,
          p: 2,
          m: 0,
          maxHeight: 480,
          overflow: 'auto',
        }}
      >
        {value}
      </Box>
    </Box>
  );
}
