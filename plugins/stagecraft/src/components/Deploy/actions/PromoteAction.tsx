import { useApi } from '@backstage/frontend-plugin-api';
import DialogContentText from '@mui/material/DialogContentText';
import { stagecraftApiRef } from '../../../api/StagecraftApi';
import { shortReleaseId } from '../../shared/shortReleaseId';
import type { EnvironmentStage } from '../pipeline/environmentStages';
import { PromotionPreviewView } from '../../Impact/PromotionPreviewView';
import { ConfirmedAction } from './ConfirmedAction';
import { useDeployActions } from './DeployActionsContext';
import { unless } from './useDeployPermissions';

/** Promotes the stage's release to the next stage, or requests the approval it needs. */
export function PromoteAction(props: { stage: EnvironmentStage }) {
  const api = useApi(stagecraftApiRef);
  const { componentRef, allowanceFor, approvalRequested } = useDeployActions();
  const { environment, deployment, next } = props.stage;
  if (!next) return null;
  const deployed = deployment?.desiredState === 'deployed';
  const release = deployment ? shortReleaseId(deployment.releaseId) : '';

  const perform = async () => {
    const result = await api.promote(componentRef, environment);
    if (result.outcome === 'deployed')
      return `Promoted release ${release} to ${next.environment}.`;
    approvalRequested(result.approval);
    return `Promotion to ${next.environment} now waits for an approval.`;
  };

  return (
    <ConfirmedAction
      label={`Promote to ${next.environment}`}
      title={`Promote to ${next.environment}?`}
      confirmLabel="Promote"
      allowance={unless(
        allowanceFor('promote', next),
        deployed
          ? undefined
          : `Nothing to promote: not deployed in ${environment}.`,
      )}
      perform={perform}
    >
      <DialogContentText>
        Release {release}
        {deployment?.image ? ` (${deployment.image})` : ''} will be deployed to{' '}
        {next.environment}.
        {next.requiresApproval &&
          ` ${next.environment} requires an approval: this requests it, and the release is deployed once someone approves.`}
      </DialogContentText>
      {deployed && (
        <PromotionPreviewView componentRef={componentRef} from={environment} />
      )}
    </ConfirmedAction>
  );
}
