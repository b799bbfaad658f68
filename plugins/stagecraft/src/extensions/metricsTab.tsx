import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { deployableComponentFilter } from './deployableComponentFilter';

/**
 * The Metrics tab on Components that Stagecraft deploys: time series of their pods and of the
 * component per environment, over a range the user picks.
 *
 * @alpha
 */
export const stagecraftMetricsEntityContent = EntityContentBlueprint.make({
  name: 'metrics',
  params: {
    path: 'stagecraft-metrics',
    title: 'Metrics',
    filter: deployableComponentFilter,
    loader: () =>
      import('../components/Metrics/MetricsContent').then(m => (
        <m.MetricsContent />
      )),
  },
});
