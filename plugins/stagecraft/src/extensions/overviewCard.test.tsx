import type { Entity } from '@backstage/catalog-model';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { deploymentsOverviewCard } from './overviewCard';

/** What a missing filter means: the extension applies to every entity. */
const everything = () => true;

const entity = (
  apiVersion: string,
  kind: string,
  spec: Entity['spec'],
): Entity => ({ apiVersion, kind, metadata: { name: 'x' }, spec });

const deployable = entity('backstage.io/v1alpha1', 'Component', {
  type: 'service',
  deploy: { image: 'nginx:1' },
});
const plainComponent = entity('backstage.io/v1alpha1', 'Component', {
  type: 'service',
});

describe('deploymentsOverviewCard', () => {
  it('shows the overview card on components with deploy intent only', () => {
    const applies =
      createExtensionTester(deploymentsOverviewCard).get(
        EntityCardBlueprint.dataRefs.filterFunction,
      ) ?? everything;
    expect([deployable, plainComponent].map(applies)).toEqual([true, false]);
  });
});
