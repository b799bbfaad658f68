import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { deployableComponentFilter } from './deployableComponentFilter';

/**
 * The Runtime tab on Components that Stagecraft deploys (those with `spec.deploy`): pods,
 * events, usage, drift history and observability links per environment.
 *
 * @alpha
 */
export const stagecraftRuntimeEntityContent = EntityContentBlueprint.make({
  name: 'runtime',
  params: {
    path: 'stagecraft-runtime',
    title: 'Runtime',
    filter: deployableComponentFilter,
    loader: () =>
      import('../components/Runtime/RuntimeContent').then(m => (
        <m.RuntimeContent />
      )),
  },
});
