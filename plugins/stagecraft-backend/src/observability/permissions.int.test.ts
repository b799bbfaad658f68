import { describeWithTelemetry, testTelemetry } from '@stagecraft/test-cluster';
import { permissionsDenying } from '../__testUtils__/serviceSetup';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import {
  base,
  HostileBackend,
  startHostileBackend,
} from '../service/__testUtils__/hostileBackend';

/*
 * The observability reads on the real backend, with providers configured against the real
 * telemetry servers: a caller without `stagecraft.deployment.read` on the component gets 403
 * from every route and no provider answer, and the environment overview leaves the component
 * out; a caller with it gets the providers' answers.
 */

const { databases } = createTestDatabases();

describeWithTelemetry(
  'observability reads need stagecraft.deployment.read (REST, real backend, cluster and telemetry)',
  () => {
    let b: HostileBackend;

    beforeAll(async () => {
      const { metricsUrl, tracesUrl } = testTelemetry();
      b = await startHostileBackend({
        databases,
        permissions: permissionsDenying({
          'user:default/eve': ['stagecraft.deployment.read'],
        }).factory,
        config: {
          stagecraft: {
            observability: {
              metrics: { type: 'prometheus', url: metricsUrl },
              traces: { type: 'jaeger', url: tracesUrl },
            },
          },
        },
      });
      await b.runCatalogTrigger();
    }, 120_000);

    afterAll(async () => {
      await b?.cleanUp();
    });

    it.each([
      ['usage', '/deployments/dev/usage'],
      ['metrics', '/deployments/dev/metrics?range=15m'],
      ['traces', '/deployments/dev/traces?errors=true'],
    ])(
      "refuses eve's %s read with 403, and answers ann's",
      async (_what, path) => {
        const refused = await b.get(`${base}${path}`, 'eve');
        expect(refused.status).toBe(403);
        expect(refused.body.error.name).toBe('NotAllowedError');
        // Backstage's error body only: no provider answer.
        expect(Object.keys(refused.body).sort()).toEqual([
          'error',
          'request',
          'response',
        ]);

        const allowed = await b.get(`${base}${path}`, 'ann');
        expect(allowed.status).toBe(200);
        expect(allowed.body.componentRef).toBe('component:default/api');
      },
    );

    it("leaves the components eve may not read out of the environment's usage", async () => {
      const eve = await b.get('/api/stagecraft/environments/dev/usage', 'eve');
      expect(eve.status).toBe(200);
      expect(eve.body.items).toEqual([]);
      const ann = await b.get('/api/stagecraft/environments/dev/usage', 'ann');
      expect(ann.body.items.map((i: any) => i.componentRef)).toContain(
        'component:default/api',
      );
    });

    it('reports the configured providers as answering', async () => {
      const metrics = await b.get(`${base}/deployments/dev/metrics?range=15m`);
      expect(metrics.body).toMatchObject({
        state: 'ok',
        provider: 'prometheus',
      });
      const traces = await b.get(`${base}/deployments/dev/traces`);
      expect(traces.body).toMatchObject({ state: 'ok', provider: 'jaeger' });
    });
    it.each([
      ['get-usage', {}],
      ['get-metrics-summary', { range: '15m' }],
      ['get-error-traces', { limit: 5 }],
    ])(
      'serves %s to agents with the same rule: eve refused, ann answered',
      async (action, extra) => {
        const invoke = (caller: string) =>
          b.post(
            caller,
            `/api/stagecraft/.backstage/actions/v1/actions/stagecraft:${action}/invoke`,
            { component: 'api', environment: 'dev', ...extra },
          );
        const refused = await invoke('eve');
        expect(refused.status).toBe(403);
        const answered = await invoke('ann');
        expect(answered.status).toBe(200);
        expect(answered.body.output.componentRef).toBe('component:default/api');
      },
    );
  },
);
