import { NotAllowedError } from '@backstage/errors';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import {
  exampleTraffic,
  loadExampleCatalog,
  trafficCallers,
  withDependsOn,
} from './__testUtils__/exampleTraffic';

const { jane, bob } = trafficCallers;
const CHECKOUT = 'component:default/checkout-api';
const databases = createTestDatabases();

describe('explainTraffic over the example organisation', () => {
  let h: Awaited<ReturnType<typeof exampleTraffic>>;
  beforeAll(async () => {
    h = await exampleTraffic(databases, {
      hiddenFromBob: ['component:default/fraud-screening'],
    });
  });
  const explain = (
    toRef: string,
    more: { port?: number; environment?: string } = {},
  ) =>
    h.traffic.explainTraffic(
      { fromRef: CHECKOUT, toRef, environment: 'dev', ...more },
      jane,
    );

  it('refuses an endpoint checkout-api did not declare, naming the missing declaration', async () => {
    const answer = await explain('endpoint:default/auth-http');
    expect(answer.allowed).toBe(false);
    expect(answer.declaration).toBeUndefined();
    expect(answer.reason).toBe(
      'component:default/checkout-api does not declare a dependency on endpoint:default/auth-http, and undeclared traffic stays blocked; the compiled policies deny it (egress of payments-dev/egress-checkout-api, egress of payments-dev/stagecraft-default-deny, ingress of identity-dev/ingress-auth-http, ingress of identity-dev/stagecraft-default-deny with no rule admitting port 8443).',
    );
    expect(answer.nextStep).toContain(
      'add `dependsOn: endpoint:auth-http` to component:default/checkout-api',
    );
    expect(answer.visibility).toMatchObject({
      visibility: 'organization',
      permits: true,
    });
    expect(answer.evidence.destinationPort).toEqual({
      port: 8443,
      protocol: 'TCP',
    });
  });

  it("refuses another project's project-visibility endpoint, naming the visibility", async () => {
    const answer = await explain('endpoint:default/inventory-tcp');
    expect(answer.allowed).toBe(false);
    expect(answer.visibility).toEqual({
      endpointRef: 'endpoint:default/inventory-tcp',
      visibility: 'project',
      consumerProject: 'system:default/payments',
      providerProject: 'system:default/fulfilment',
      permits: false,
      rule: '"project" admits only components of system:default/fulfilment, and component:default/checkout-api belongs to system:default/payments',
    });
    expect(answer.reason).toMatch(
      /^endpoint:default\/inventory-tcp has visibility "project", which admits only components of system:default\/fulfilment, and component:default\/checkout-api belongs to system:default\/payments; /,
    );
    // legacy-inventory has no spec.deploy: no pod to evaluate, and the reason says why.
    expect(answer.reason).toMatch(
      /; nothing can connect: component:default\/legacy-inventory has no spec\.deploy, so Stagecraft runs it nowhere\.$/,
    );
    expect(answer.nextStep).toContain('"organization"');
  });

  it('admits a declared, permitted dependency, with the rules that admit it', async () => {
    const answer = await explain('endpoint:default/orders-http');
    expect(answer.allowed).toBe(true);
    expect(answer.declaration).toEqual({
      consumerRef: CHECKOUT,
      endpointRef: 'endpoint:default/orders-http',
      path: 'spec.dependsOn[2]',
      written: 'endpoint:orders-http',
    });
    expect(answer.evidence.policies).toEqual([
      {
        namespace: 'payments-dev',
        name: 'egress-checkout-api',
        direction: 'egress',
        effect: 'admits',
        ruleIndex: 2,
      },
      {
        namespace: 'fulfilment-dev',
        name: 'ingress-orders-http',
        direction: 'ingress',
        effect: 'admits',
        ruleIndex: 0,
      },
    ]);
    expect(answer.evidence.sourcePod).toMatchObject({
      workload: 'Deployment/checkout-api',
      namespace: 'payments-dev',
      labels: expect.objectContaining({
        'stagecraft.dev/component': 'checkout-api',
      }),
    });
    expect(answer.reason).toContain(
      'the compiled policies admit it (egress rule 2 of payments-dev/egress-checkout-api, ingress rule 0 of fulfilment-dev/ingress-orders-http)',
    );
    expect(answer.nextStep).toBeUndefined();
  });

  it("takes a component's only endpoint when no port is given", async () => {
    const answer = await explain(`component:default/orders-api`);
    expect(answer).toMatchObject({
      allowed: true,
      endpointRef: 'endpoint:default/orders-http',
      toRef: 'component:default/orders-api',
    });
  });

  it('explains a port no endpoint serves', async () => {
    const answer = await explain('component:default/orders-api', {
      port: 9999,
    });
    expect(answer.allowed).toBe(false);
    expect(answer.endpointRef).toBeUndefined();
    expect(answer.reason).toMatch(
      /^component:default\/orders-api serves no endpoint on port 9999 \(its endpoints: orders-http 8080\/http\)/,
    );
  });

  it('explains an endpoint asked about on a port it does not listen on', async () => {
    const answer = await explain('endpoint:default/orders-http', {
      port: 8081,
    });
    expect(answer.allowed).toBe(false);
    expect(answer.reason).toMatch(
      /^endpoint:default\/orders-http listens on port 8080, not 8081/,
    );
  });

  it('says a declared dependency waits when nothing is deployed in the environment', async () => {
    const answer = await explain('endpoint:default/fraud-grpc', {
      environment: 'staging',
    });
    expect(answer.allowed).toBe(false);
    expect(answer.reason).toBe(
      'component:default/checkout-api declares endpoint:default/fraud-grpc (spec.dependsOn[0]), but component:default/checkout-api is not deployed in staging.',
    );
    expect(answer.nextStep).toBe(
      'deploy or promote component:default/checkout-api to staging',
    );
  });

  it('says when the provider is not something Stagecraft runs', async () => {
    const answer = await h.traffic.explainTraffic(
      {
        fromRef: 'component:default/warehouse-sync',
        toRef: 'endpoint:default/inventory-tcp',
        environment: 'dev',
      },
      jane,
    );
    expect(answer).toMatchObject({
      allowed: false,
      reason:
        'component:default/warehouse-sync declares endpoint:default/inventory-tcp (spec.dependsOn[1]), but component:default/legacy-inventory has no spec.deploy, so Stagecraft runs it nowhere, so the connection is pending.',
      nextStep:
        'give component:default/legacy-inventory a spec.deploy so Stagecraft runs it, or depend on an endpoint of a component it runs',
    });
  });

  it('refuses unknown names, environments and ports, naming them', async () => {
    await expect(explain('endpoint:default/nope')).rejects.toMatchObject({
      name: 'NotFoundError',
      message:
        'endpoint:default/nope is not an endpoint you may read: it is not in the catalog, or you may not read the component that serves it',
    });
    await expect(explain('component:default/nope')).rejects.toMatchObject({
      name: 'NotFoundError',
      message: 'component:default/nope is not in the catalog',
    });
    await expect(
      explain('endpoint:default/orders-http', { environment: 'moon' }),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
      message: 'environment "moon" is not in the catalog',
    });
    for (const port of [0, 65536, 1.5])
      await expect(
        explain('endpoint:default/orders-http', { port }),
      ).rejects.toMatchObject({ name: 'InputError' });
  });

  it('needs read permission on the destination as well as the source', async () => {
    const ask = (fromRef: string, toRef: string) =>
      h.traffic.explainTraffic({ fromRef, toRef, environment: 'dev' }, bob);
    // Same answer as for an endpoint the catalog lacks; the provider is not named.
    await expect(
      ask(CHECKOUT, 'endpoint:default/fraud-grpc'),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
      message:
        'endpoint:default/fraud-grpc is not an endpoint you may read: it is not in the catalog, or you may not read the component that serves it',
    });
    await expect(
      ask(CHECKOUT, 'endpoint:default/no-such-endpoint'),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
      message:
        'endpoint:default/no-such-endpoint is not an endpoint you may read: it is not in the catalog, or you may not read the component that serves it',
    });
    await expect(
      ask('component:default/fraud-screening', 'endpoint:default/ledger-http'),
    ).rejects.toThrow(NotAllowedError);
    await expect(
      ask(CHECKOUT, 'endpoint:default/orders-http'),
    ).resolves.toMatchObject({ allowed: true });
  });
});

describe('explainTraffic when the catalog and the deployed release differ', () => {
  it('says the deployed release predates a declaration the catalog has', async () => {
    const h = await exampleTraffic(databases);
    // The catalog gains the dependency; dev still runs the release without it.
    h.setCatalog(
      withDependsOn(loadExampleCatalog(), 'checkout-api', [
        'endpoint:fraud-grpc',
        'endpoint:ledger-http',
        'endpoint:orders-http',
        'endpoint:auth-http',
      ]),
    );
    const answer = await h.traffic.explainTraffic(
      {
        fromRef: CHECKOUT,
        toRef: 'endpoint:default/auth-http',
        environment: 'dev',
      },
      trafficCallers.jane,
    );
    expect(answer.allowed).toBe(false);
    expect(answer.declaration?.path).toBe('spec.dependsOn[3]');
    expect(answer.reason).toMatch(
      /^the release of component:default\/checkout-api deployed in dev predates its spec.dependsOn\[3\] entry for endpoint:default\/auth-http; the compiled policies deny it \(egress of payments-dev\//,
    );
    // The provider's ingress already admits it: only the consumer's egress is missing.
    expect(
      answer.evidence.policies.map(p => `${p.direction} ${p.effect}`),
    ).toEqual(['egress isolates', 'egress isolates', 'ingress admits']);
    // Once the new release is deployed, the path opens.
    await h.triggerCatalog();
    await expect(
      h.traffic.explainTraffic(
        {
          fromRef: CHECKOUT,
          toRef: 'endpoint:default/auth-http',
          environment: 'dev',
        },
        trafficCallers.jane,
      ),
    ).resolves.toMatchObject({ allowed: true });
  });

  it('names the visibility when a declared dependency is one it forbids', async () => {
    const h = await exampleTraffic(databases, {
      entities: withDependsOn(loadExampleCatalog(), 'checkout-api', [
        'endpoint:catalog-http',
      ]),
    });
    const answer = await h.traffic.explainTraffic(
      {
        fromRef: CHECKOUT,
        toRef: 'endpoint:default/catalog-http',
        environment: 'dev',
      },
      trafficCallers.jane,
    );
    expect(answer.allowed).toBe(false);
    expect(answer.reason).toMatch(
      /^endpoint:default\/catalog-http has visibility "project", which admits only components of system:default\/storefront, and component:default\/checkout-api belongs to system:default\/payments, so its spec.dependsOn\[0\] entry is a compile error;/,
    );
    expect(answer.evidence.sourcePod).toBeUndefined(); // checkout-api does not compile
  });
});
