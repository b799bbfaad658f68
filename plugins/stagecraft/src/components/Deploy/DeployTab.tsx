import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Snackbar from '@mui/material/Snackbar';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { LoadingState } from '../shared/LoadingState';
import {
  ActionResult,
  DeployActionsProvider,
} from './actions/DeployActionsContext';
import { useDeployPermissions } from './actions/useDeployPermissions';
import { DeployDetails } from './details/DeployDetails';
import { EnvironmentCard } from './EnvironmentCard';
import { environmentStages } from './pipeline/environmentStages';
import { usePipeline } from './pipeline/usePipeline';
import { useDeploymentHistory } from './useDeploymentHistory';
import { usePendingApprovals } from './usePendingApprovals';
import { usePolledDeployments } from './usePolledDeployments';

/** The Deploy tab of a component's entity page. */
export function DeployTab() {
  const { entity } = useEntity();
  return <DeployView entity={entity} />;
}

/**
 * The component's pipeline as environment cards with their actions, then history,
 * comparison and manifests. Deployments and the pipeline load in parallel; approvals,
 * history and releases load on their own and never hold the cards back (a rollback waits
 * for the history, which says what it may return to).
 */
function DeployView(props: { entity: Entity }) {
  const componentRef = stringifyEntityRef(props.entity);
  const deployments = usePolledDeployments(componentRef);
  const pipeline = usePipeline(props.entity);
  const approvals = usePendingApprovals(componentRef);
  const allowanceFor = useDeployPermissions(componentRef);
  const [refreshKey, setRefreshKey] = useState(0);
  // Re-read after this tab's own actions and after a release made elsewhere (a catalog edit).
  const history = useDeploymentHistory(
    componentRef,
    refreshKey + deployments.releaseChanges,
  );
  const [result, setResult] = useState<ActionResult>();

  if (deployments.loading || pipeline.loading)
    return <LoadingState label="Loading deployments" />;
  if (!deployments.deployments)
    return (
      <Box sx={{ p: 3 }}>
        <Alert severity="error">
          Could not load deployments: {deployments.error?.message}
        </Alert>
      </Box>
    );

  const stages = environmentStages(deployments.deployments, pipeline.value);
  const actions = {
    componentRef,
    allowanceFor,
    history,
    report: setResult,
    refresh: () => {
      deployments.refresh();
      approvals.refresh();
      setRefreshKey(key => key + 1);
    },
    approvalRequested: approvals.add,
  };
  return (
    <DeployActionsProvider value={actions}>
      <Box sx={{ p: 3, display: 'flex', flexDirection: 'column', gap: 2 }}>
        <Notices
          deploymentsError={deployments.error}
          pipelineError={pipeline.error}
          approvalsError={approvals.error}
        />
        {pipeline.value?.pipeline && (
          <Typography variant="body2" color="text.secondary">
            Pipeline {pipeline.value.pipeline.name}:{' '}
            {pipeline.value.pipeline.stages.map(s => s.environment).join(' → ')}
          </Typography>
        )}
        {stages.length === 0 ? (
          <Alert severity="info">
            Not deployed to any environment yet.
            {!pipeline.value?.pipeline &&
              ' No deployment pipeline applies to this component, so new releases are not deployed automatically.'}
          </Alert>
        ) : (
          <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 2 }}>
            {stages.map(stage => (
              <EnvironmentCard
                key={stage.environment}
                stage={stage}
                approvals={approvals.approvals.filter(
                  a => a.environment === stage.environment,
                )}
              />
            ))}
          </Box>
        )}
        <DeployDetails
          componentRef={componentRef}
          deployments={stages.flatMap(s =>
            s.deployment ? [s.deployment] : [],
          )}
          history={history}
        />
      </Box>
      <Snackbar
        open={!!result}
        autoHideDuration={8000}
        onClose={(_, reason) => reason !== 'clickaway' && setResult(undefined)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      >
        <Alert
          severity={result?.severity}
          onClose={() => setResult(undefined)}
          variant="filled"
        >
          {result?.message}
        </Alert>
      </Snackbar>
    </DeployActionsProvider>
  );
}

/** Partial failures: the cards still show what could be read. */
function Notices(props: {
  deploymentsError?: Error;
  pipelineError?: Error;
  approvalsError?: Error;
}) {
  return (
    <>
      {props.deploymentsError && (
        <Alert severity="warning">
          Could not refresh deployments: {props.deploymentsError.message}
        </Alert>
      )}
      {props.pipelineError && (
        <Alert severity="warning">
          Could not read the pipeline from the catalog, so environments are not
          in pipeline order: {props.pipelineError.message}
        </Alert>
      )}
      {props.approvalsError && (
        <Alert severity="warning">
          Could not load pending approvals: {props.approvalsError.message}
        </Alert>
      )}
    </>
  );
}
