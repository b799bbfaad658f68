import type { Entity } from '@backstage/catalog-model';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  ExtensionTester,
} from '@backstage/frontend-test-utils';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { stagecraftLogsEntityContent } from './logsTab';
import { stagecraftMetricsEntityContent } from './metricsTab';
import { stagecraftRuntimeEntityContent } from './runtimeTab';
import { stagecraftTracesEntityContent } from './tracesTab';

const component = (spec: Record<string, unknown>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-api' },
  spec: { type: 'service', ...spec },
});

describe.each([
  {
    title: 'Runtime',
    path: 'stagecraft-runtime',
    tester: (): ExtensionTester<any> =>
      createExtensionTester(stagecraftRuntimeEntityContent),
  },
  {
    title: 'Logs',
    path: 'stagecraft-logs',
    tester: (): ExtensionTester<any> =>
      createExtensionTester(stagecraftLogsEntityContent),
  },
  {
    title: 'Metrics',
    path: 'stagecraft-metrics',
    tester: (): ExtensionTester<any> =>
      createExtensionTester(stagecraftMetricsEntityContent),
  },
  {
    title: 'Traces',
    path: 'stagecraft-traces',
    tester: (): ExtensionTester<any> =>
      createExtensionTester(stagecraftTracesEntityContent),
  },
])('the $title tab', ({ title, path, tester }) => {
  it(`is titled ${title} at /${path}`, () => {
    expect(tester().get(EntityContentBlueprint.dataRefs.title)).toBe(title);
    expect(tester().get(coreExtensionData.routePath)).toBe(path);
  });

  it('shows only on components Stagecraft deploys', () => {
    const matches = tester().get(
      EntityContentBlueprint.dataRefs.filterFunction,
    ) as (entity: Entity) => boolean;
    expect(matches(component({ deploy: { image: 'app:1' } }))).toBe(true);
    expect(matches(component({}))).toBe(false);
    expect(matches({ ...component({ deploy: {} }), kind: 'API' })).toBe(false);
  });
});
