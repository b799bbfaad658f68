import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { ApprovalRequest } from '@stagecraft/plugin-stagecraft-common';
import { RelativeTime } from '../shared/RelativeTime';
import { shortReleaseId } from '../shared/shortReleaseId';
import { ApprovalDecision } from './actions/ApprovalDecision';

/** A promotion into this environment that waits for someone to approve or deny it. */
export function PendingApproval(props: {
  approval: ApprovalRequest;
  production: boolean;
}) {
  const { approval } = props;
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
      <Box sx={{ display: 'flex', gap: 1, mt: 0.5 }}>
        <ApprovalDecision
          approval={approval}
          decision="approve"
          production={props.production}
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
