import { useApi } from '@backstage/frontend-plugin-api';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import { ReactNode, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePipelineStages } from '../Deploy/pipeline/usePipelineStages';
import { LoadingState } from '../shared/LoadingState';
import { inPipelineOrder } from '../shared/pipelineOrder';
import { stagecraftApiRef } from '../../api/StagecraftApi';
import { defaultEnvironment } from './defaultEnvironment';
import { EnvironmentSelect } from './EnvironmentSelect';

/**
 * Loads the environments a component has deployments in and lets the user pick one; renders
 * `children` for the picked environment. Environments are in pipeline order. Shared by the
 * Runtime and Logs tabs.
 */
export function DeploymentEnvironments(props: {
  componentRef: string;
  /** What the tab shows, for the loading label: "runtime", "logs". */
  subject: string;
  children(environment: string): ReactNode;
}) {
  const api = useApi(stagecraftApiRef);
  const { componentRef } = props;
  const { value, loading, error } = useAsync(
    () => api.listDeployments(componentRef),
    [api, componentRef],
  );
  const pipeline = usePipelineStages(useEntity().entity);
  const [picked, setPicked] = useState<string>();

  if (loading || pipeline.loading) {
    return <LoadingState label={`Loading ${props.subject}`} />;
  }
  if (error) {
    return (
      <Alert severity="error">
        Could not load the deployments of this component: {error.message}
      </Alert>
    );
  }
  const environments = inPipelineOrder(
    (value ?? []).map(d => d.environment),
    pipeline.stages,
  );
  const deployments = environments.map(
    name => value!.find(d => d.environment === name)!,
  );
  const environment = picked ?? defaultEnvironment(deployments);
  if (!environment) {
    return (
      <Alert severity="info">
        This component is not deployed to any environment yet, so there is no{' '}
        {props.subject} to show yet.
      </Alert>
    );
  }
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Box>
        <EnvironmentSelect
          environments={environments}
          value={environment}
          onChange={setPicked}
        />
      </Box>
      {props.children(environment)}
    </Box>
  );
}
