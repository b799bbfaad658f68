import { mockCredentials } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { fakeActions } from '../../service/__testUtils__/fakeActions';
import { fakeRuntimeActions } from '../../service/__testUtils__/fakeRuntimeActions';
import { fakeObservability } from '../../observability/__testUtils__/fakeObservability';
import {
  fakeTrafficActions,
  fakeValidation,
} from '../../traffic/__testUtils__/fakeTrafficActions';
import { fakeImpactActions } from '../../impact/__testUtils__/fakeImpactActions';
import { fakeCostActions } from '../../cost/__testUtils__/fakeCostActions';
import { registerAgentActions } from '../registerAgentActions';

/**
 * Every agent action registered in the test registry (ids `test:<name>`) over the service
 * fakes, invoked as one caller, whose credentials the tests expect the services to receive.
 */
export function agentActionsHarness(o: { entities?: Entity[] } = {}) {
  const registry = actionsRegistryServiceMock();
  const actions = fakeActions();
  const runtime = fakeRuntimeActions();
  const observability = fakeObservability();
  const catalog = catalogServiceMock({ entities: o.entities ?? [] });
  const traffic = fakeTrafficActions();
  const validation = fakeValidation();
  const catalogTrigger = {
    run: jest.fn(async () => ({ released: 0, deployed: 0 })),
  };
  registerAgentActions({
    registry,
    cost: fakeCostActions(),
    actions,
    runtime,
    observability,
    catalog,
    catalogTrigger,
    traffic,
    validation,
    impact: fakeImpactActions(),
    // Registers `diagnose`, so the contract test checks it too; its own test fakes answers.
    diagnosis: { diagnose: jest.fn() },
  });
  const credentials = mockCredentials.user('user:default/jane');
  const invoke = async (
    name: string,
    input: Parameters<typeof registry.invoke>[0]['input'],
  ) =>
    (await registry.invoke({ id: `test:${name}`, input, credentials }))
      .output as any;
  return {
    registry,
    actions,
    runtime,
    observability,
    catalog,
    catalogTrigger,
    traffic,
    validation,
    credentials,
    invoke,
  };
}
