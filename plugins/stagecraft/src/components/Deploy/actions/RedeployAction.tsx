import { useApi } from '@backstage/frontend-plugin-api';
import DialogContentText from '@mui/material/DialogContentText';
import type { DeploymentStatus } from '@stagecraft/plugin-stagecraft-common';
import { stagecraftApiRef } from '../../../api/StagecraftApi';
import { shortReleaseId } from '../../shared/shortReleaseId';
import type { EnvironmentStage } from '../pipeline/environmentStages';
import { ConfirmedAction } from './ConfirmedAction';
import { useDeployActions } from './DeployActionsContext';

/** Re-applies the deployment's current release (also brings an undeployed one back). */
export function RedeployAction(props: {
  stage: EnvironmentStage;
  deployment: DeploymentStatus;
}) {
  const api = useApi(stagecraftApiRef);
  const { componentRef, allowanceFor } = useDeployActions();
  const { environment } = props.stage;
  const release = shortReleaseId(props.deployment.releaseId);
  return (
    <ConfirmedAction
      label="Redeploy"
      title={`Redeploy to ${environment}?`}
      allowance={allowanceFor('redeploy', props.stage)}
      perform={async () => {
        await api.redeploy(componentRef, environment);
        return `Redeploying release ${release} to ${environment}.`;
      }}
    >
      <DialogContentText>
        Release {release} is applied to {environment} again. Changes made by
        hand to its objects in the cluster are overwritten.
      </DialogContentText>
    </ConfirmedAction>
  );
}
