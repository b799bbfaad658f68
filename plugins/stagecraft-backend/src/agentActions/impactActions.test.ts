import { InputError, NotAllowedError } from '@backstage/errors';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { mockCredentials } from '@backstage/backend-test-utils';
import { exampleImpact } from '../impact/__testUtils__/exampleImpact';
import { registerImpactAction } from './impactAction';
import { registerPreviewPromotionAction } from './previewPromotionAction';

const databases = createTestDatabases();

/** The two impact actions over the real impact service on the example organisation. */
async function harness(hiddenFromBob: string[] = []) {
  const h = await exampleImpact(databases, { hiddenFromBob });
  const registry = actionsRegistryServiceMock();
  const deps = { registry, impact: h.impact } as any;
  registerImpactAction(deps);
  registerPreviewPromotionAction(deps);
  const invoke = async (name: string, input: any, user = 'jane') =>
    (
      await registry.invoke({
        id: `test:${name}`,
        input,
        credentials: mockCredentials.user(`user:default/${user}`),
      })
    ).output as any;
  return { ...h, invoke };
}

describe('impact agent actions', () => {
  it('impact answers for a component named the way an agent writes it', async () => {
    const h = await harness();
    const out = await h.invoke('impact', {
      target: 'payment-ledger',
      environment: 'dev',
    });
    expect(out.componentRef).toBe('component:default/payment-ledger');
    expect(out.ifUndeployed[0].closes[0]).toMatchObject({
      fromRef: 'component:default/checkout-api',
      port: 8080,
    });
  });

  it('impact takes an endpoint and refuses anything else', async () => {
    const h = await harness();
    const out = await h.invoke('impact', { target: 'endpoint:checkout-http' });
    expect(out.subjectRef).toBe('endpoint:default/checkout-http');
    await expect(
      h.invoke('impact', { target: 'system:payments' }),
    ).rejects.toThrow(InputError);
  });

  it('impact refuses a caller who may not read the component', async () => {
    const h = await harness(['component:default/payment-ledger']);
    await expect(
      h.invoke('impact', { target: 'payment-ledger' }, 'bob'),
    ).rejects.toThrow(NotAllowedError);
  });

  it('preview-promotion answers the opening paths of a first promotion', async () => {
    const h = await harness();
    const out = await h.invoke('preview-promotion', {
      component: 'payment-ledger',
      from: 'dev',
    });
    expect(out).toMatchObject({ from: 'dev', to: 'staging' });
    expect(out.changes.closes).toEqual([]);
  });
});
