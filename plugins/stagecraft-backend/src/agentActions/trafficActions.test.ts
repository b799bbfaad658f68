import { createTestDatabases } from '../__testUtils__/testDatabases';
import { trafficActionsHarness } from './__testUtils__/trafficActionsHarness';

const databases = createTestDatabases();

describe('explain-traffic and get-dependencies', () => {
  let h: Awaited<ReturnType<typeof trafficActionsHarness>>;
  beforeAll(async () => {
    h = await trafficActionsHarness(databases);
  });
  beforeEach(() => jest.clearAllMocks());

  const explain = (to: string, more: object = {}) =>
    h.invoke('explain-traffic', {
      from: 'checkout-api',
      to,
      environment: 'dev',
      ...more,
    });

  it('says checkout-api cannot reach an endpoint it did not declare, and what to add', async () => {
    const output = await explain('endpoint:auth-http');
    expect(output.allowed).toBe(false);
    expect(output.reason).toMatch(
      /^component:default\/checkout-api does not declare a dependency on endpoint:default\/auth-http/,
    );
    expect(output.nextStep).toMatch(/add `dependsOn: endpoint:auth-http`/);
    expect(output.declaration).toBeUndefined();
  });

  it('says a project endpoint of another project is closed by its visibility', async () => {
    const output = await explain('endpoint:default/inventory-tcp');
    expect(output.allowed).toBe(false);
    expect(output.visibility).toMatchObject({
      visibility: 'project',
      permits: false,
    });
    expect(output.reason).toContain('has visibility "project"');
  });

  it('admits a declared, permitted dependency and shows the policy evidence', async () => {
    const output = await explain('orders-api');
    expect(output).toMatchObject({
      allowed: true,
      endpointRef: 'endpoint:default/orders-http',
      declaration: { path: 'spec.dependsOn[2]' },
      evidence: {
        destinationPort: { port: 8080, protocol: 'TCP' },
        sourcePod: { namespace: 'payments-dev' },
        policies: [
          {
            name: 'egress-checkout-api',
            direction: 'egress',
            effect: 'admits',
            ruleIndex: 2,
          },
          {
            name: 'ingress-orders-http',
            direction: 'ingress',
            effect: 'admits',
            ruleIndex: 0,
          },
        ],
      },
    });
  });

  it('refuses malformed targets and ports before asking the service', async () => {
    for (const input of [
      { to: 'system:default/payments' },
      { to: 'endpoint:other/orders-http' },
      { to: 'endpoint:not a name' },
      { to: 'endpoint:orders-http', port: 0 },
      { to: 'endpoint:orders-http', port: 65536 },
      { to: 'endpoint:orders-http', port: 80.5 },
      { to: 'endpoint:orders-http', environment: 'Not An Env' },
    ])
      await expect(explain(input.to, input)).rejects.toMatchObject({
        name: 'InputError',
      });
    expect(h.traffic.explainTraffic).not.toHaveBeenCalled();
  });

  it('names an unknown environment or component', async () => {
    await expect(
      explain('endpoint:orders-http', { environment: 'moon' }),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
      message: 'environment "moon" is not in the catalog',
    });
    await expect(explain('no-such-component')).rejects.toMatchObject({
      name: 'NotFoundError',
      message: 'component:default/no-such-component is not in the catalog',
    });
  });

  it('refuses a caller who may not read the destination as if it did not exist, naming only what was asked', async () => {
    await expect(
      h.invoke(
        'explain-traffic',
        { from: 'checkout-api', to: 'endpoint:fraud-grpc', environment: 'dev' },
        'bob',
      ),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
      message:
        'endpoint:default/fraud-grpc is not an endpoint you may read: it is not in the catalog, or you may not read the component that serves it',
    });
  });

  it('lists the neighbourhood with each edge checked in the environment', async () => {
    const output = await h.invoke('get-dependencies', {
      component: 'component:default/checkout-api',
      environment: 'dev',
    });
    expect(output.dependsOn.map((e: any) => e.endpointRef)).toEqual([
      'endpoint:default/fraud-grpc',
      'endpoint:default/ledger-http',
      'endpoint:default/orders-http',
    ]);
    expect(output.dependsOn.every((e: any) => e.policy.allowed)).toBe(true);
    expect(output.dependedOnBy).toEqual([
      expect.objectContaining({
        consumerRef: 'component:default/storefront-web',
        crossProject: true,
        visibility: 'organization',
      }),
    ]);
    expect(h.traffic.getDependencies).toHaveBeenCalledWith(
      {
        componentRef: 'component:default/checkout-api',
        environment: 'dev',
      },
      expect.objectContaining({ credentials: expect.anything() }),
    );
  });

  it('registers both as read-only, idempotent, non-destructive tools', async () => {
    const { actions } = await h.registry.list();
    for (const name of ['explain-traffic', 'get-dependencies'])
      expect(actions.find(a => a.name === name)?.attributes).toEqual({
        readOnly: true,
        destructive: false,
        idempotent: true,
      });
  });
});
