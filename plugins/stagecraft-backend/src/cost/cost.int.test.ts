import { describeWithCluster } from '@stagecraft/test-cluster';
import { eventually } from '../__testUtils__/eventually';
import { permissionsDenying } from '../__testUtils__/serviceSetup';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import {
  HostileBackend,
  startHostileBackend,
} from '../service/__testUtils__/hostileBackend';

/*
 * Cost on the real backend and test cluster: the requests come from the pods the control
 * plane deployed (2 replicas × the test environment's default 10m / 16Mi), priced at the
 * configured rates; a caller without stagecraft.deployment.read on the component sees it only
 * counted, over REST and as an agent tool.
 */

const { databases } = createTestDatabases();
const API = 'component:default/api';

describeWithCluster(
  'cost per component × environment (REST and agent tool, real backend and cluster)',
  () => {
    let b: HostileBackend;

    beforeAll(async () => {
      b = await startHostileBackend({
        databases,
        permissions: permissionsDenying({
          'user:default/eve': ['stagecraft.deployment.read'],
        }).factory,
        config: {
          stagecraft: {
            cost: { currency: 'EUR', cpuHour: '0.04', memoryGiBHour: '0.005' },
          },
        },
      });
      await b.runCatalogTrigger();
    }, 120_000);

    afterAll(async () => {
      await b?.cleanUp();
    });

    it("prices ann's deployment from the deployed pods' requests, exactly", async () => {
      const res = await eventually(
        () => b.get('/api/stagecraft/costs?environment=dev', 'ann'),
        r =>
          r.body.items?.find((i: any) => i.componentRef === API)?.podCount ===
          2,
        'both pods of api in dev to be seen',
        30_000,
      );
      expect(res.status).toBe(200);
      const line = res.body.items.find((i: any) => i.componentRef === API);
      expect(line.requests).toEqual({
        cpuMillicores: 20,
        memoryBytes: 32 * 1024 ** 2,
      });
      // 20m × 0.04 = 800 µ; 32 MiB = 1/32 GiB × 0.005 = 156.25 µ; 956.25 → 956 µ per hour
      // (requests alone, or usage when the metrics API reports more), × 730 a month.
      // Billed per resource: the larger of requests and observed usage (when the metrics API
      // reports any). With no usage above the requests: 20m × 0.04 = 800 µ; 32 MiB = 1/32 GiB
      // × 0.005 = 156.25 µ; 956.25 → 956 µ per hour, 697 880 µ (0.697880) a month.
      const cpu = Math.max(20, line.usage?.cpuMillicores ?? 0);
      const memory = Math.max(32 * 1024 ** 2, line.usage?.memoryBytes ?? 0);
      expect(line.billed).toEqual({ cpuMillicores: cpu, memoryBytes: memory });
      const exact =
        BigInt(cpu) * 40_000n * 1024n ** 3n + BigInt(memory) * 5_000n * 1000n;
      const denominator = 1000n * 1024n ** 3n;
      const hourly = Number((exact * 2n + denominator) / (denominator * 2n));
      expect(line.hourly.micros).toBe(hourly);
      expect(hourly).toBeGreaterThanOrEqual(956);
      expect(line.monthly.micros).toBe(line.hourly.micros * 730);
      expect(res.body.currency).toBe('EUR');
      expect(res.body.hiddenDeployments).toBe(0);
    });

    it('leaves the component eve may not read out, counted only', async () => {
      const res = await b.get('/api/stagecraft/costs?environment=dev', 'eve');
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([]);
      expect(res.body.hiddenDeployments).toBeGreaterThanOrEqual(1);
      expect(JSON.stringify(res.body)).not.toContain(API);
      const recommendations = await b.get(
        '/api/stagecraft/cost-recommendations',
        'eve',
      );
      expect(recommendations.body.recommendations).toEqual([]);
    });

    it('serves the costs tool with the same rule: eve sees nothing, ann her component', async () => {
      const invoke = (caller: string) =>
        b.post(
          caller,
          '/api/stagecraft/.backstage/actions/v1/actions/stagecraft:costs/invoke',
          { environment: 'dev' },
        );
      const eve = await invoke('eve');
      expect(eve.status).toBe(200);
      expect(eve.body.output.items).toEqual([]);
      expect(eve.body.output.hiddenDeployments).toBeGreaterThanOrEqual(1);
      const ann = await invoke('ann');
      expect(ann.body.output.items.map((i: any) => i.componentRef)).toContain(
        API,
      );
    });
  },
);
