import { createTestDatabases } from '../__testUtils__/testDatabases';
import { exampleTraffic, trafficCallers } from './__testUtils__/exampleTraffic';

const { jane, bob } = trafficCallers;
const CHECKOUT = 'component:default/checkout-api';
const databases = createTestDatabases();

describe('getDependencies over the example organisation', () => {
  let h: Awaited<ReturnType<typeof exampleTraffic>>;
  beforeAll(async () => {
    h = await exampleTraffic(databases, {
      hiddenFromBob: [
        'component:default/storefront-web',
        'component:default/fraud-screening',
      ],
    });
  });

  it('lists what checkout-api depends on and who depends on it, with visibility', async () => {
    const answer = await h.traffic.getDependencies(
      { componentRef: CHECKOUT },
      jane,
    );
    expect(answer).toEqual({
      componentRef: CHECKOUT,
      dependsOn: [
        {
          consumerRef: CHECKOUT,
          endpointRef: 'endpoint:default/fraud-grpc',
          declaredAt: 'spec.dependsOn[0]',
          providerRef: 'component:default/fraud-screening',
          visibility: 'project',
          protocol: 'grpc',
          port: 9090,
          crossProject: false,
          permittedByVisibility: true,
        },
        expect.objectContaining({
          endpointRef: 'endpoint:default/ledger-http',
          crossProject: false,
        }),
        expect.objectContaining({
          endpointRef: 'endpoint:default/orders-http',
          providerRef: 'component:default/orders-api',
          visibility: 'organization',
          crossProject: true,
          permittedByVisibility: true,
        }),
      ],
      dependedOnBy: [
        {
          consumerRef: 'component:default/storefront-web',
          endpointRef: 'endpoint:default/checkout-http',
          declaredAt: 'spec.dependsOn[1]',
          providerRef: CHECKOUT,
          visibility: 'organization',
          protocol: 'http',
          port: 8080,
          crossProject: true,
          permittedByVisibility: true,
        },
      ],
      unreadableConsumers: 0,
    });
  });

  it("adds each edge's policy verdict in an environment", async () => {
    const answer = await h.traffic.getDependencies(
      { componentRef: CHECKOUT, environment: 'dev' },
      jane,
    );
    expect(answer.environment).toBe('dev');
    expect(
      [...answer.dependsOn, ...answer.dependedOnBy].map(
        e => `${e.consumerRef} → ${e.endpointRef}: ${e.policy?.allowed}`,
      ),
    ).toEqual([
      `${CHECKOUT} → endpoint:default/fraud-grpc: true`,
      `${CHECKOUT} → endpoint:default/ledger-http: true`,
      `${CHECKOUT} → endpoint:default/orders-http: true`,
      `component:default/storefront-web → endpoint:default/checkout-http: true`,
    ]);
    const staging = await h.traffic.getDependencies(
      { componentRef: CHECKOUT, environment: 'staging' },
      jane,
    );
    expect(staging.dependsOn[0].policy).toEqual({
      allowed: false,
      reason: `${CHECKOUT} declares endpoint:default/fraud-grpc (spec.dependsOn[0]), but ${CHECKOUT} is not deployed in staging.`,
    });
  });

  it('names no consumer the caller may not read, and explains no edge to one', async () => {
    const answer = await h.traffic.getDependencies(
      { componentRef: CHECKOUT, environment: 'dev' },
      bob,
    );
    expect(answer.dependedOnBy).toEqual([]);
    expect(answer.unreadableConsumers).toBe(1);
    // The edge to fraud-screening is listed (it is in checkout-api's own spec), unexplained.
    expect(
      answer.dependsOn.map(e => [e.endpointRef, e.policy?.allowed]),
    ).toEqual([
      ['endpoint:default/fraud-grpc', undefined],
      ['endpoint:default/ledger-http', true],
      ['endpoint:default/orders-http', true],
    ]);
    // Nothing about the provider bob may not read: not its name, not its project.
    const toFraud = answer.dependsOn[0];
    expect(toFraud.providerRef).toBeUndefined();
    expect(toFraud.crossProject).toBeUndefined();
    expect(toFraud.permittedByVisibility).toBeUndefined();
    expect(JSON.stringify(answer)).not.toContain('fraud-screening');
    expect(answer.dependsOn[1].providerRef).toBeDefined();
    const asStorefront = h.traffic.getDependencies(
      { componentRef: 'component:default/storefront-web' },
      bob,
    );
    await expect(asStorefront).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
  });

  it('refuses an unknown component or environment, naming it', async () => {
    await expect(
      h.traffic.getDependencies(
        { componentRef: 'component:default/nope' },
        jane,
      ),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
      message: 'component:default/nope is not in the catalog',
    });
    await expect(
      h.traffic.getDependencies(
        { componentRef: CHECKOUT, environment: 'moon' },
        jane,
      ),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
      message: 'environment "moon" is not in the catalog',
    });
  });
});
