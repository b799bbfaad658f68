import { NotAllowedError } from '@backstage/errors';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import {
  loadExampleCatalog,
  trafficCallers,
  withDependsOn,
} from '../traffic/__testUtils__/exampleTraffic';
import { exampleImpact } from './__testUtils__/exampleImpact';
import type { ImpactPath } from './types';

const { jane, bob } = trafficCallers;
const CHECKOUT = 'component:default/checkout-api';
const LEDGER = 'component:default/payment-ledger';
const databases = createTestDatabases();
const described = (p: ImpactPath) =>
  `${p.fromRef} → ${p.endpointRef} on ${p.port}`;

describe('impact of a component on the example organisation', () => {
  let h: Awaited<ReturnType<typeof exampleImpact>>;
  beforeAll(async () => {
    h = await exampleImpact(databases, {
      hiddenFromBob: ['component:default/refund-worker'],
    });
  });

  it('undeploying payment-ledger closes the paths checkout-api and refund-worker declared', async () => {
    const answer = await h.impact.impact(
      { ref: LEDGER, environment: 'dev' },
      jane,
    );
    expect(answer.ifUndeployed).toEqual([
      {
        environment: 'dev',
        closes: [
          expect.objectContaining({
            fromRef: CHECKOUT,
            toRef: LEDGER,
            endpointRef: 'endpoint:default/ledger-http',
            port: 8080,
            declared: true,
          }),
          expect.objectContaining({
            fromRef: 'component:default/refund-worker',
          }),
        ],
        unreadable: 0,
      },
    ]);
    expect(answer.ifEndpointRemoved).toEqual([
      {
        endpointRef: 'endpoint:default/ledger-http',
        consumers: [CHECKOUT, 'component:default/refund-worker'],
      },
    ]);
  });

  it('lists direct and transitive dependants with their environments and project crossings', async () => {
    const answer = await h.impact.impact({ ref: LEDGER }, jane);
    expect(
      answer.dependants.map(
        d => `${d.componentRef} ${d.depth} ${d.crossProject} ${d.deployedIn}`,
      ),
    ).toEqual([
      `${CHECKOUT} 1 false dev`,
      'component:default/refund-worker 1 false dev',
      // storefront-web reaches the ledger through checkout-http, from another project.
      'component:default/storefront-web 2 true dev',
    ]);
    expect(answer.environments).toEqual(['dev', 'staging', 'production']);
  });

  it('counts the dependants a caller may not read instead of naming them', async () => {
    const answer = await h.impact.impact(
      { ref: LEDGER, environment: 'dev' },
      bob,
    );
    const named = JSON.stringify(answer);
    expect(named).not.toContain('refund-worker');
    expect(answer.unreadableDependants).toBe(1);
    expect(answer.ifUndeployed[0].unreadable).toBe(1);
    expect(answer.ifUndeployed[0].closes.map(described)).toEqual([
      `${CHECKOUT} → endpoint:default/ledger-http on 8080`,
    ]);
  });

  it('refuses a caller who may not read the component itself', async () => {
    const hidden = await exampleImpact(databases, {
      hiddenFromBob: [LEDGER],
    });
    await expect(hidden.impact.impact({ ref: LEDGER }, bob)).rejects.toThrow(
      NotAllowedError,
    );
    await expect(
      hidden.impact.impact({ ref: 'endpoint:default/ledger-http' }, bob),
    ).rejects.toThrow(NotAllowedError);
  });

  it('narrowing an organization endpoint to project lists the other projects’ consumers', async () => {
    const answer = await h.impact.impact(
      { ref: 'endpoint:default/checkout-http' },
      jane,
    );
    expect(answer.subjectRef).toBe('endpoint:default/checkout-http');
    expect(answer.ifVisibilityNarrowed).toEqual([
      {
        endpointRef: 'endpoint:default/checkout-http',
        from: 'organization',
        to: 'project',
        refusedConsumers: ['component:default/storefront-web'],
      },
    ]);
  });

  it('shows replicas and requests against the environment bounds', async () => {
    const answer = await h.impact.impact({ ref: LEDGER }, jane);
    expect(answer.capacity).toEqual([
      expect.objectContaining({
        environment: 'dev',
        bounds: { min: 1, max: 3 },
      }),
    ]);
    expect(answer.capacity[0].replicas).toBeLessThanOrEqual(3);
    expect(answer.capacity[0].requests.length).toBeGreaterThan(0);
  });
});

describe('capacity of an autoscaled component', () => {
  it("compares the autoscaler's range with the environment's bounds", async () => {
    const h = await exampleImpact(databases);
    const answer = await h.impact.impact(
      { ref: CHECKOUT, environment: 'dev' },
      jane,
    );
    expect(answer.capacity).toEqual([
      expect.objectContaining({
        environment: 'dev',
        bounds: { min: 1, max: 3 },
      }),
    ]);
    expect(answer.capacity[0].replicas).toBeUndefined();
    // checkout-api's autoscaler trait asks for up to 10; dev allows at most 3 replicas, and
    // the compiler holds the autoscaler there.
    expect(answer.capacity[0].note).toBe('autoscaled between 2 and 3 replicas');
  });
});

describe('promotion preview on the example organisation', () => {
  it('a first promotion opens the paths the release declares', async () => {
    const h = await exampleImpact(databases);
    for (const name of ['payment-ledger', 'fraud-screening'])
      await h.actions.promote(
        { componentRef: `component:default/${name}`, from: 'dev' },
        jane,
      );
    const preview = await h.impact.previewPromotion(
      { componentRef: CHECKOUT, from: 'dev' },
      jane,
    );
    expect(preview).toMatchObject({ from: 'dev', to: 'staging' });
    expect(preview.currentReleaseId).toBeUndefined();
    expect(preview.changes.opens.map(described)).toEqual([
      `${CHECKOUT} → endpoint:default/fraud-grpc on 9090`,
      `${CHECKOUT} → endpoint:default/ledger-http on 8080`,
    ]);
    expect(preview.changes.closes).toEqual([]);
    // orders-api is not in staging: declared, added, but its path stays closed.
    expect(
      preview.connections.added.map(c => `${described(c)} ${c.allowedAfter}`),
    ).toEqual([
      `${CHECKOUT} → endpoint:default/fraud-grpc on 9090 true`,
      `${CHECKOUT} → endpoint:default/ledger-http on 8080 true`,
      `${CHECKOUT} → endpoint:default/orders-http on 8080 false`,
    ]);
  });

  it('a promoted release that drops a dependency shows the closing connection', async () => {
    const h = await exampleImpact(databases);
    for (const name of ['checkout-api', 'payment-ledger', 'fraud-screening'])
      await h.actions.promote(
        { componentRef: `component:default/${name}`, from: 'dev' },
        jane,
      );
    const same = await h.impact.previewPromotion(
      { componentRef: CHECKOUT, from: 'dev' },
      jane,
    );
    expect(same.releaseId).toBe(same.currentReleaseId);
    expect([
      ...same.changes.opens,
      ...same.changes.closes,
      ...same.connections.added,
      ...same.connections.dropped,
    ]).toEqual([]);

    // checkout-api stops depending on the ledger; dev gets the new release, staging not yet.
    h.setCatalog(
      withDependsOn(loadExampleCatalog(), 'checkout-api', [
        'endpoint:fraud-grpc',
        'endpoint:orders-http',
      ]),
    );
    await h.triggerCatalog();
    const preview = await h.impact.previewPromotion(
      { componentRef: CHECKOUT, from: 'dev' },
      jane,
    );
    expect(preview.releaseId).not.toBe(preview.currentReleaseId);
    expect(preview.connections.dropped).toEqual([
      expect.objectContaining({
        fromRef: CHECKOUT,
        toRef: LEDGER,
        endpointRef: 'endpoint:default/ledger-http',
        port: 8080,
        declared: false,
        allowedAfter: false,
      }),
    ]);
    expect(preview.connections.added).toEqual([]);
    // The ledger's ingress is planned from today's catalog, which no longer names
    // checkout-api: the policy closed with the catalog change, not with the promotion.
    expect(preview.connections.dropped[0].allowedBefore).toBe(false);
    expect(preview.changes.closes).toEqual([]);
  });

  it('counts, not names, the changed paths of components the caller may not read', async () => {
    const FRAUD = 'component:default/fraud-screening';
    const h = await exampleImpact(databases, { hiddenFromBob: [FRAUD] });
    for (const name of ['payment-ledger', 'fraud-screening'])
      await h.actions.promote(
        { componentRef: `component:default/${name}`, from: 'dev' },
        jane,
      );
    const preview = await h.impact.previewPromotion(
      { componentRef: CHECKOUT, from: 'dev' },
      bob,
    );
    expect(JSON.stringify(preview)).not.toContain('fraud');
    expect(preview.changes.opens.map(described)).toEqual([
      `${CHECKOUT} → endpoint:default/ledger-http on 8080`,
    ]);
    expect(preview.changes.unreadable).toBe(1);
    expect(preview.connections.unreadable).toBe(1);
  });

  it('refuses to preview from the last stage or from where it is not deployed', async () => {
    const h = await exampleImpact(databases);
    await expect(
      h.impact.previewPromotion(
        { componentRef: CHECKOUT, from: 'staging' },
        jane,
      ),
    ).rejects.toThrow(/not deployed in staging/);
  });
});
