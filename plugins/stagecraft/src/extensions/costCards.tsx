import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  STAGECRAFT_API_VERSION,
  StagecraftKind,
} from '@stagecraft/plugin-stagecraft-common';
import { deployableComponentFilter } from './deployableComponentFilter';

const loader = () =>
  import('../components/Cost/CostCard').then(m => <m.CostCard />);

/** The Cost card on a deployable component's Overview: its cost per environment. */
export const componentCostCard = EntityCardBlueprint.make({
  name: 'cost',
  params: { filter: deployableComponentFilter, loader },
});

/** The Cost card on a System (project): per component × environment, and the organisation's. */
export const systemCostCard = EntityCardBlueprint.make({
  name: 'system-cost',
  params: { filter: { kind: 'system' }, loader },
});

/** The Cost card on an Environment: per component, and the organisation's total. */
export const environmentCostCard = EntityCardBlueprint.make({
  name: 'environment-cost',
  params: {
    filter: {
      kind: StagecraftKind.Environment,
      apiVersion: STAGECRAFT_API_VERSION,
    },
    loader,
  },
});
