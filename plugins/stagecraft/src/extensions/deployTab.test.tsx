import type { Entity } from '@backstage/catalog-model';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { deployTab } from './deployTab';

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
const stagecraftEnvironment = entity(
  'stagecraft.dev/v1alpha1',
  'Environment',
  {},
);

describe('deployTab', () => {
  it('puts the Deploy tab at stagecraft-deploy on components with deploy intent only', () => {
    const tester = createExtensionTester(deployTab);
    expect(tester.get(coreExtensionData.routePath)).toBe('stagecraft-deploy');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Deploy');
    const applies =
      tester.get(EntityContentBlueprint.dataRefs.filterFunction) ?? everything;
    expect(
      [deployable, plainComponent, stagecraftEnvironment].map(applies),
    ).toEqual([true, false, false]);
  });
});
