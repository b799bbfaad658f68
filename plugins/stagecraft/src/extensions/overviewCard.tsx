import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { deployableComponentFilter } from './deployableComponentFilter';

/** A card on a deployable component's Overview: each environment's state, linking to Deploy. */
export const deploymentsOverviewCard = EntityCardBlueprint.make({
  name: 'deployments',
  params: {
    filter: deployableComponentFilter,
    loader: () =>
      import('../components/Overview/DeploymentsOverviewCard').then(m => (
        <m.DeploymentsOverviewCard />
      )),
  },
});
