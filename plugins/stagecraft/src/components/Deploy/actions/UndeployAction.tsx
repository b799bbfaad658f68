import { useApi } from '@backstage/frontend-plugin-api';
import DialogContentText from '@mui/material/DialogContentText';
import type { DeploymentStatus } from '@stagecraft/plugin-stagecraft-common';
import { stagecraftApiRef } from '../../../api/StagecraftApi';
import type { EnvironmentStage } from '../pipeline/environmentStages';
import { ConfirmedAction } from './ConfirmedAction';
import { useDeployActions } from './DeployActionsContext';
import { unless } from './useDeployPermissions';

/** Removes the component from the environment. */
export function UndeployAction(props: {
  stage: EnvironmentStage;
  deployment: DeploymentStatus;
}) {
  const api = useApi(stagecraftApiRef);
  const { componentRef, allowanceFor } = useDeployActions();
  const { environment } = props.stage;
  return (
    <ConfirmedAction
      label="Undeploy"
      title={`Undeploy from ${environment}?`}
      destructive
      allowance={unless(
        allowanceFor('undeploy', props.stage),
        props.deployment.desiredState === 'undeployed'
          ? `Already undeployed from ${environment}.`
          : undefined,
      )}
      perform={async () => {
        await api.undeploy(componentRef, environment);
        return `Undeploying from ${environment}.`;
      }}
    >
      <DialogContentText>
        The component's objects are deleted from {environment}; it stops serving
        there. Redeploy brings it back.
      </DialogContentText>
    </ConfirmedAction>
  );
}
