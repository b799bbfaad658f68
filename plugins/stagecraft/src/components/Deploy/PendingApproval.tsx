import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import {
  type ApprovalRequest,
  sameActor,
} from '@stagecraft/plugin-stagecraft-common';
import { RelativeTime } from '../shared/RelativeTime';
import { shortReleaseId } from '../shared/shortReleaseId';
import { ApprovalDecision } from './actions/ApprovalDecision';
import { useSignedInUser } from './actions/useSignedInUser';

/** Why the requester is not offered Approve; the backend refuses it too (four-eyes rule). */
export const OWN_REQUEST =
  'You requested this promotion; someone else must approve it.';

/** A promotion into this environment that waits for someone to approve or deny it. */
export function PendingApproval(props: {
  approval: ApprovalRequest;
  production: boolean;
}) {
  const { approval } = props;
  const user = useSignedInUser();
  // Compared as the backend compares them (any spelling of the same ref is the requester).
  const ownRequest =
    !user.loading &&
    user.userEntityRef !== undefined &&
    sameActor(user.userEntityRef, approval.requestedBy);
  let approveBlocker: string | undefined;
  if (user.loading) approveBlocker = 'Checking who you are…';
  else if (ownRequest) approveBlocker = OWN_REQUEST;
  return (
    <Box
      role="group"
      aria-label="Pending approval"
      sx={{
        mt: 2,
        p: 1,
        border: 1,
        borderColor: 'warning.main',
        borderRadius: 1,
      }}
    >
      <Typography variant="body2">
        Release {shortReleaseId(approval.releaseId)} from{' '}
        {approval.fromEnvironment} waits for approval, requested by{' '}
        {approval.requestedBy} <RelativeTime value={approval.requestedAt} />.
      </Typography>
      {ownRequest && (
        <Typography variant="body2" color="text.secondary">
          {OWN_REQUEST} You may still deny it to withdraw the request.
        </Typography>
      )}
      <Box sx={{ display: 'flex', gap: 1, mt: 0.5 }}>
        <ApprovalDecision
          approval={approval}
          decision="approve"
          production={props.production}
          blocker={approveBlocker}
        />
        <ApprovalDecision
          approval={approval}
          decision="deny"
          production={props.production}
        />
      </Box>
    </Box>
  );
}
