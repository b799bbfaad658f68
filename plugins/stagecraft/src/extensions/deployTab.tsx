import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { DEPLOY_TAB_PATH } from '../components/Deploy/deployTabPath';

import { deployableComponentFilter } from './deployableComponentFilter';

/**
 * The Deploy tab on components with `spec.deploy`: the pipeline's environments with their
 * actions, history, comparison and rendered manifests.
 */
export const deployTab = EntityContentBlueprint.make({
  name: 'deploy',
  params: {
    path: DEPLOY_TAB_PATH,
    title: 'Deploy',
    filter: deployableComponentFilter,
    loader: () =>
      import('../components/Deploy/DeployTab').then(m => <m.DeployTab />),
  },
});
