import type { Entity } from '@backstage/catalog-model';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { stagecraftDependenciesEntityContent } from './dependenciesTab';
import { stagecraftCellEntityContent } from './systemDiagram';

function entity(kind: string, spec: Entity['spec'] = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name: 'checkout-api' },
    spec,
  };
}

function filterOf(extension: Parameters<typeof createExtensionTester>[0]) {
  return createExtensionTester(extension).get(
    EntityContentBlueprint.dataRefs.filterFunction,
  ) as (entity: Entity) => boolean;
}

describe('the Dependencies tab', () => {
  it('is titled Dependencies at /stagecraft-dependencies', () => {
    const tester = createExtensionTester(stagecraftDependenciesEntityContent);
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Dependencies',
    );
    expect(tester.get(coreExtensionData.routePath)).toBe(
      'stagecraft-dependencies',
    );
  });

  it('shows only on components Stagecraft deploys', () => {
    const matches = filterOf(stagecraftDependenciesEntityContent);
    expect(matches(entity('Component', { deploy: { image: 'app:1' } }))).toBe(
      true,
    );
    expect(matches(entity('Component'))).toBe(false);
    expect(matches(entity('System', { deploy: {} }))).toBe(false);
  });
});

describe('the Cell tab', () => {
  it('is titled Cell at /stagecraft-cell', () => {
    const tester = createExtensionTester(stagecraftCellEntityContent);
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Cell');
    expect(tester.get(coreExtensionData.routePath)).toBe('stagecraft-cell');
  });

  it('shows only on systems', () => {
    const matches = filterOf(stagecraftCellEntityContent);
    expect(matches(entity('System'))).toBe(true);
    expect(matches(entity('Component', { deploy: {} }))).toBe(false);
  });
});
