import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  STAGECRAFT_API_VERSION,
  StagecraftKind,
} from '@stagecraft/plugin-stagecraft-common';

/** A card on a Stagecraft `Environment`'s Overview: what is deployed there, and its state. */
export const environmentOverviewCard = EntityCardBlueprint.make({
  name: 'environment-deployments',
  params: {
    filter: {
      kind: StagecraftKind.Environment,
      apiVersion: STAGECRAFT_API_VERSION,
    },
    loader: () =>
      import('../components/EnvironmentPage/EnvironmentOverviewCard').then(
        m => <m.EnvironmentOverviewCard />,
      ),
  },
});
