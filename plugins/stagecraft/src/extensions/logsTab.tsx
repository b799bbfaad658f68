import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { deployableComponentFilter } from './deployableComponentFilter';

/**
 * The Logs tab on Components that Stagecraft deploys (those with `spec.deploy`): live logs of
 * their pods per environment.
 *
 * @alpha
 */
export const stagecraftLogsEntityContent = EntityContentBlueprint.make({
  name: 'logs',
  params: {
    path: 'stagecraft-logs',
    title: 'Logs',
    filter: deployableComponentFilter,
    loader: () =>
      import('../components/Logs/LogsContent').then(m => <m.LogsContent />),
  },
});
