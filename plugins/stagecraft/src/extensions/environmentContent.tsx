import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  STAGECRAFT_API_VERSION,
  StagecraftKind,
} from '@stagecraft/plugin-stagecraft-common';

/** The Deployed tab on Stagecraft `Environment` entities: what runs there. */
export const environmentDeployedContent = EntityContentBlueprint.make({
  name: 'environment-deployed',
  params: {
    path: 'stagecraft-deployed',
    title: 'Deployed',
    filter: {
      kind: StagecraftKind.Environment,
      apiVersion: STAGECRAFT_API_VERSION,
    },
    loader: () =>
      import(
        '../components/EnvironmentPage/EnvironmentDeploymentsContent'
      ).then(m => <m.EnvironmentDeploymentsContent />),
  },
});
