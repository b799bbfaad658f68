import { useApi } from '@backstage/frontend-plugin-api';
import {
  EntityRefLink,
  useEntity,
  useEntityRefLink,
} from '@backstage/plugin-catalog-react';
import Alert from '@mui/material/Alert';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CardHeader from '@mui/material/CardHeader';
import Link from '@mui/material/Link';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import { Link as RouterLink } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { stagecraftApiRef } from '../../api/StagecraftApi';
import { LoadingState } from '../shared/LoadingState';
import { SyncStateChip } from '../shared/SyncStateChip';

/** Relative to the Environment's page: its Deployed tab (extensions/environmentContent). */
const DEPLOYED_TAB = 'stagecraft-deployed';

/**
 * What runs in the environment at a glance, on the Environment's Overview: each component
 * with its state, the details on the Deployed tab.
 */
export function EnvironmentOverviewCard() {
  const { entity } = useEntity();
  const environment = entity.metadata.name;
  const api = useApi(stagecraftApiRef);
  const deployedTab = `${useEntityRefLink()(entity)}/${DEPLOYED_TAB}`;
  const { value, loading, error } = useAsync(
    () => api.listEnvironmentDeployments(environment),
    [api, environment],
  );
  return (
    <Card component="section" aria-label={`Deployed in ${environment}`}>
      <CardHeader
        title={`Deployed in ${environment}`}
        action={
          <Link component={RouterLink} to={deployedTab} variant="body2">
            Deployed tab
          </Link>
        }
      />
      <CardContent sx={{ pt: 0 }}>
        {loading && (
          <LoadingState label={`Loading deployments in ${environment}`} />
        )}
        {error && (
          <Alert severity="error">
            Could not load the deployments in {environment}: {error.message}
          </Alert>
        )}
        {value?.length === 0 && (
          <Alert severity="info">
            Nothing is deployed in {environment} yet.
          </Alert>
        )}
        {value && value.length > 0 && (
          <List dense disablePadding aria-label="Components">
            {value.map(d => (
              <ListItem key={d.componentRef} disableGutters>
                <ListItemText
                  primary={<EntityRefLink entityRef={d.componentRef} />}
                  secondary={
                    d.desiredState === 'undeployed'
                      ? 'Undeployed'
                      : d.replicas &&
                        `${d.replicas.ready} of ${d.replicas.desired} ready`
                  }
                />
                <SyncStateChip state={d.sync.state} reason={d.sync.reason} />
              </ListItem>
            ))}
          </List>
        )}
      </CardContent>
    </Card>
  );
}
