import { useApi } from '@backstage/frontend-plugin-api';
import DialogContentText from '@mui/material/DialogContentText';
import type { DeploymentStatus } from '@stagecraft/plugin-stagecraft-common';
import { useState } from 'react';
import { stagecraftApiRef } from '../../../api/StagecraftApi';
import { shortReleaseId } from '../../shared/shortReleaseId';
import type { EnvironmentStage } from '../pipeline/environmentStages';
import { ConfirmedAction } from './ConfirmedAction';
import { useDeployActions } from './DeployActionsContext';
import { ReleasePicker } from './ReleasePicker';
import { rollbackChoice } from './rollbackChoice';
import { unless } from './useDeployPermissions';

/** Returns the environment to a release that ran there before, picked from those. */
export function RollbackAction(props: {
  stage: EnvironmentStage;
  deployment: DeploymentStatus;
}) {
  const api = useApi(stagecraftApiRef);
  const { componentRef, allowanceFor, history } = useDeployActions();
  const [releaseId, setReleaseId] = useState<string>();
  const { environment } = props.stage;
  const choice = rollbackChoice(props.stage, props.deployment, history);
  return (
    <ConfirmedAction
      label="Rollback"
      title={`Roll back ${environment}?`}
      confirmLabel="Roll back"
      allowance={unless(allowanceFor('rollback', props.stage), choice.blocker)}
      confirmDisabled={!releaseId}
      onOpen={() => setReleaseId(undefined)}
      perform={async () => {
        await api.rollback(componentRef, environment, releaseId!);
        return `Rolling ${environment} back to release ${shortReleaseId(
          releaseId!,
        )}.`;
      }}
    >
      <DialogContentText gutterBottom>
        Pick the release {environment} should run instead of{' '}
        {shortReleaseId(props.deployment.releaseId)}: one that ran here before.
        A release pins the image, settings, type and traits it was built with.
      </DialogContentText>
      <ReleasePicker
        componentRef={componentRef}
        environment={environment}
        currentReleaseId={props.deployment.releaseId}
        targets={'targets' in choice ? choice.targets : []}
        value={releaseId}
        onChange={setReleaseId}
      />
    </ConfirmedAction>
  );
}
