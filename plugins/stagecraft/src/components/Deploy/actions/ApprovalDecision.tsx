import { useApi } from '@backstage/frontend-plugin-api';
import DialogContentText from '@mui/material/DialogContentText';
import TextField from '@mui/material/TextField';
import type { ApprovalRequest } from '@stagecraft/plugin-stagecraft-common';
import { useState } from 'react';
import { stagecraftApiRef } from '../../../api/StagecraftApi';
import { shortReleaseId } from '../../shared/shortReleaseId';
import { ConfirmedAction } from './ConfirmedAction';
import { useDeployActions } from './DeployActionsContext';
import { unless } from './useDeployPermissions';

const words = {
  approve: { label: 'Approve', done: 'Approved', effect: 'is deployed' },
  deny: { label: 'Deny', done: 'Denied', effect: 'is not deployed' },
};

/**
 * Approves or denies a pending promotion, with an optional comment. `blocker`, when set,
 * disables the button with that reason even where the permission allows it.
 */
export function ApprovalDecision(props: {
  approval: ApprovalRequest;
  decision: 'approve' | 'deny';
  production: boolean;
  blocker?: string;
}) {
  const api = useApi(stagecraftApiRef);
  const { allowanceFor } = useDeployActions();
  const [comment, setComment] = useState('');
  const { approval, decision } = props;
  const { label, done, effect } = words[decision];
  const release = shortReleaseId(approval.releaseId);
  return (
    <ConfirmedAction
      label={label}
      title={`${label} the promotion to ${approval.environment}?`}
      destructive={decision === 'deny'}
      allowance={unless(
        allowanceFor('approve', { production: props.production }),
        props.blocker,
      )}
      onOpen={() => setComment('')}
      perform={async () => {
        const note = comment.trim() || undefined;
        await (decision === 'approve'
          ? api.approve(approval.id, note)
          : api.deny(approval.id, note));
        return `${done} the promotion of release ${release} to ${approval.environment}.`;
      }}
    >
      <DialogContentText gutterBottom>
        Release {release} from {approval.fromEnvironment}, requested by{' '}
        {approval.requestedBy}, {effect} in {approval.environment}.
      </DialogContentText>
      <TextField
        label="Comment (optional)"
        value={comment}
        onChange={e => setComment(e.target.value)}
        fullWidth
        multiline
        minRows={2}
      />
    </ConfirmedAction>
  );
}
