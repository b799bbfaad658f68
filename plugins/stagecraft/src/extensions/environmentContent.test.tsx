import type { Entity } from '@backstage/catalog-model';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { environmentDeployedContent } from './environmentContent';

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
const stagecraftEnvironment = entity(
  'stagecraft.dev/v1alpha1',
  'Environment',
  {},
);
const foreignEnvironment = entity('example.com/v1', 'Environment', {});

describe('environmentDeployedContent', () => {
  it('puts the Deployed tab on Stagecraft environments, not on other Environment kinds', () => {
    const tester = createExtensionTester(environmentDeployedContent);
    expect(tester.get(coreExtensionData.routePath)).toBe('stagecraft-deployed');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Deployed');
    const applies =
      tester.get(EntityContentBlueprint.dataRefs.filterFunction) ?? everything;
    expect(
      [stagecraftEnvironment, foreignEnvironment, deployable].map(applies),
    ).toEqual([true, false, false]);
  });
});
