import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardActions from '@mui/material/CardActions';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import type { ApprovalRequest } from '@stagecraft/plugin-stagecraft-common';
import { CriticalFindingHint } from '../Diagnose/CriticalFindingHint';
import { SyncStateChip } from '../shared/SyncStateChip';
import { PromoteAction } from './actions/PromoteAction';
import { RedeployAction } from './actions/RedeployAction';
import { RollbackAction } from './actions/RollbackAction';
import { UndeployAction } from './actions/UndeployAction';
import { DeploymentFacts } from './DeploymentFacts';
import { PendingApproval } from './PendingApproval';
import type { EnvironmentStage } from './pipeline/environmentStages';

/** One environment of the pipeline: its deployment, pending approvals and actions. */
export function EnvironmentCard(props: {
  stage: EnvironmentStage;
  approvals: ApprovalRequest[];
}) {
  const { stage } = props;
  const { deployment } = stage;
  return (
    <Card
      component="section"
      aria-label={`${stage.environment} environment`}
      variant="outlined"
      // Wide enough for image names and URLs on few lines; the row wraps on narrow pages.
      sx={{
        flex: '1 1 340px',
        maxWidth: 480,
        display: 'flex',
        flexDirection: 'column',
      }}
    >
      <CardContent sx={{ flexGrow: 1 }}>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1 }}>
          <Typography variant="h6" component="h3" sx={{ flexGrow: 1 }}>
            {stage.environment}
          </Typography>
          {stage.production && (
            <Chip size="small" variant="outlined" label="Production" />
          )}
          {deployment && <SyncStateChip state={deployment.sync.state} />}
        </Box>
        {stage.requiresApproval && (
          <Typography variant="caption" color="text.secondary" component="p">
            Promotions into {stage.environment} need an approval.
          </Typography>
        )}
        {deployment ? (
          <>
            <Typography variant="body2" sx={{ mb: 1 }}>
              {deployment.sync.reason}
            </Typography>
            <CriticalFindingHint deployment={deployment} />
            <DeploymentFacts deployment={deployment} />
          </>
        ) : (
          <Typography variant="body2" color="text.secondary">
            Not deployed here yet.
          </Typography>
        )}
        {props.approvals.map(approval => (
          <PendingApproval
            key={approval.id}
            approval={approval}
            production={stage.production}
          />
        ))}
      </CardContent>
      {deployment && (
        <CardActions sx={{ flexWrap: 'wrap' }}>
          <PromoteAction stage={stage} />
          <RollbackAction stage={stage} deployment={deployment} />
          <RedeployAction stage={stage} deployment={deployment} />
          <UndeployAction stage={stage} deployment={deployment} />
        </CardActions>
      )}
    </Card>
  );
}
