import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity, useEntityRefLink } from '@backstage/plugin-catalog-react';
import Alert from '@mui/material/Alert';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CardHeader from '@mui/material/CardHeader';
import Link from '@mui/material/Link';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import type { DeploymentStatus } from '@stagecraft/plugin-stagecraft-common';
import { Link as RouterLink } from 'react-router-dom';
import { DEPLOY_TAB_PATH } from '../Deploy/deployTabPath';
import { environmentStages } from '../Deploy/pipeline/environmentStages';
import { usePipeline } from '../Deploy/pipeline/usePipeline';
import { usePolledDeployments } from '../Deploy/usePolledDeployments';
import { LoadingState } from '../shared/LoadingState';
import { SyncStateChip } from '../shared/SyncStateChip';
import { DeploymentUsageGlance } from '../Usage/UsageGlance';

/** The component's environments at a glance on its Overview, each linking to the Deploy tab. */
export function DeploymentsOverviewCard() {
  const { entity } = useEntity();
  const entityLink = useEntityRefLink();
  const deployTab = `${entityLink(entity)}/${DEPLOY_TAB_PATH}`;
  return (
    <Card component="section" aria-label="Deployments">
      <CardHeader
        title="Deployments"
        action={
          <Link component={RouterLink} to={deployTab} variant="body2">
            Deploy tab
          </Link>
        }
      />
      <CardContent sx={{ pt: 0 }}>
        <EnvironmentList entity={entity} deployTab={deployTab} />
      </CardContent>
    </Card>
  );
}

function EnvironmentList(props: { entity: Entity; deployTab: string }) {
  const deployments = usePolledDeployments(stringifyEntityRef(props.entity));
  const pipeline = usePipeline(props.entity);

  if (deployments.loading || pipeline.loading)
    return <LoadingState label="Loading deployments" />;
  if (!deployments.deployments)
    return (
      <Alert severity="error">
        Could not load deployments: {deployments.error?.message}
      </Alert>
    );
  const stages = environmentStages(deployments.deployments, pipeline.value);
  if (!stages.length)
    return <Alert severity="info">Not deployed to any environment yet.</Alert>;
  return (
    <List dense disablePadding aria-label="Environments">
      {stages.map(({ environment, deployment }) => (
        // The link inside a list item: a <ul> may hold only <li> (WCAG 1.3.1).
        <ListItem key={environment} disablePadding>
          <ListItemButton component={RouterLink} to={props.deployTab}>
            <ListItemText
              primary={environment}
              secondary={
                deployment && (
                  <>
                    {replicaSummary(deployment)}
                    {deployment.desiredState === 'deployed' && (
                      <DeploymentUsageGlance
                        componentRef={deployment.componentRef}
                        environment={environment}
                      />
                    )}
                  </>
                )
              }
            />
            {deployment ? (
              <SyncStateChip
                state={deployment.sync.state}
                reason={deployment.sync.reason}
              />
            ) : (
              <ListItemText
                secondary="Not deployed yet"
                sx={{ flex: 'none' }}
              />
            )}
          </ListItemButton>
        </ListItem>
      ))}
    </List>
  );
}

function replicaSummary(deployment: DeploymentStatus) {
  if (deployment.desiredState === 'undeployed') return 'Undeployed';
  const { replicas } = deployment;
  return replicas && `${replicas.ready} of ${replicas.desired} ready`;
}
