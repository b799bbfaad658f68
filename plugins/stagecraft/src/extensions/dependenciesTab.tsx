import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { deployableComponentFilter } from './deployableComponentFilter';

/**
 * The Dependencies tab on components Stagecraft deploys: the component's endpoints, its
 * dependencies and dependants, and the traffic permitted between them per environment.
 */
export const stagecraftDependenciesEntityContent = EntityContentBlueprint.make({
  name: 'dependencies',
  params: {
    path: 'stagecraft-dependencies',
    title: 'Dependencies',
    filter: deployableComponentFilter,
    loader: () =>
      import('../components/Dependencies/DependenciesTab').then(m => (
        <m.DependenciesTab />
      )),
  },
});
