import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { createTestDatabases } from '../../__testUtils__/testDatabases';
import { fakeActions } from '../../service/__testUtils__/fakeActions';
import { fakeRuntimeActions } from '../../service/__testUtils__/fakeRuntimeActions';
import {
  exampleTraffic,
  loadExampleCatalog,
  trafficCallers,
} from '../../traffic/__testUtils__/exampleTraffic';
import { EntityValidationService } from '../../validation/EntityValidationService';
import { registerExplainTrafficAction } from '../explainTrafficAction';
import { registerGetDependenciesAction } from '../getDependenciesAction';
import { registerValidateEntitiesAction } from '../validateEntitiesAction';

/**
 * A2's actions in the test registry (ids `test:<name>`) over the real traffic and validation
 * services: the example organisation deployed to dev on SQLite, and a catalog holding it.
 * Bob may not read fraud-screening.
 */
export async function trafficActionsHarness(
  databases: ReturnType<typeof createTestDatabases>,
) {
  const registry = actionsRegistryServiceMock();
  const example = await exampleTraffic(databases, {
    hiddenFromBob: ['component:default/fraud-screening'],
  });
  const traffic = {
    explainTraffic: jest.fn(
      example.traffic.explainTraffic.bind(example.traffic),
    ),
    getDependencies: jest.fn(
      example.traffic.getDependencies.bind(example.traffic),
    ),
  };
  const catalog = catalogServiceMock({ entities: loadExampleCatalog() });
  const validation = new EntityValidationService({ catalog });
  const deps = {
    registry,
    actions: fakeActions(),
    runtime: fakeRuntimeActions(),
    catalog,
    traffic,
    validation,
  };
  registerExplainTrafficAction(deps);
  registerGetDependenciesAction(deps);
  registerValidateEntitiesAction(deps);
  const invoke = async (
    name: string,
    input: Parameters<typeof registry.invoke>[0]['input'],
    caller: keyof typeof trafficCallers = 'jane',
  ) =>
    (
      await registry.invoke({
        id: `test:${name}`,
        input,
        credentials: trafficCallers[caller].credentials,
      })
    ).output as any;
  return { registry, traffic, catalog, invoke };
}
