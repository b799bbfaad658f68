import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { deployableComponentFilter } from './deployableComponentFilter';

/**
 * The Traces tab on Components that Stagecraft deploys: their recent traces per environment,
 * each linking to the trace in the tracing tool.
 *
 * @alpha
 */
export const stagecraftTracesEntityContent = EntityContentBlueprint.make({
  name: 'traces',
  params: {
    path: 'stagecraft-traces',
    title: 'Traces',
    filter: deployableComponentFilter,
    loader: () =>
      import('../components/Traces/TracesContent').then(m => (
        <m.TracesContent />
      )),
  },
});
