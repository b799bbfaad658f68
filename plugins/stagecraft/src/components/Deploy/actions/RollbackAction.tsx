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

/** Deploys an earlier release, picked from the component's releases. */
export function RollbackAction(props: {
  stage: EnvironmentStage;
  deployment: DeploymentStatus;
}) {
  const api = useApi(stagecraftApiRef);
  const { componentRef, allowanceFor } = useDeployActions();
  const [releaseId, setReleaseId] = useState<string>();
  const { environment } = props.stage;
  return (
    <ConfirmedAction
      label="Rollback"
      title={`Roll back ${environment}?`}
      confirmLabel="Roll back"
      allowance={allowanceFor('rollback', props.stage)}
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
        {shortReleaseId(props.deployment.releaseId)}. A release pins the image,
        settings, type and traits it was built with.
      </DialogContentText>
      <ReleasePicker
        componentRef={componentRef}
        currentReleaseId={props.deployment.releaseId}
        value={releaseId}
        onChange={setReleaseId}
      />
    </ConfirmedAction>
  );
}
