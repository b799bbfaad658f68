import { loadAllYaml } from '@kubernetes/client-node';
import { ConfigReader } from '@backstage/config';
import type { Entity } from '@backstage/catalog-model';
import { readFileSync } from 'fs';
import { resolve } from 'path';
import { parseQuantity } from '../apply/quantity';
import type { ActionContext, DeploymentStatus } from '../actions/types';
import type { Deployment } from '../database/DeploymentStore';
import type { DeploymentUsage } from '../observability/types';
import { readCostSettings } from './costConfig';
import { CostService } from './CostService';
import type { Amounts } from './types';

const ORG = resolve(__dirname, '../../../../catalog-info');
const docs = (file: string) =>
  loadAllYaml(readFileSync(resolve(ORG, file), 'utf8')) as Entity[];

/** A quantity from the catalog, parsed exactly (the one parser), in `unit`s (rounded half up). */
function scaled(quantity: string, perUnit: bigint): number {
  const q = parseQuantity(quantity);
  if (!q) throw new Error(`not a quantity: ${quantity}`);
  const value =
    q.exponent >= 0
      ? q.coefficient * perUnit * 10n ** BigInt(q.exponent)
      : (q.coefficient * perUnit * 2n + 10n ** BigInt(-q.exponent)) /
        (2n * 10n ** BigInt(-q.exponent));
  return Number(value);
}

// The example organisation: storefront-web has no requests of its own, so it gets its
// environment's defaults; 1 replica in dev, 6 in production (catalog-info/systems/storefront.yaml).
const environments = docs('platform/environments.yaml');
const storefront = docs('systems/storefront.yaml');
function podRequests(environment: string, replicas: number): Amounts {
  const env = environments.find(e => e.metadata.name === environment)!;
  const requests = (env.spec as any).policy.defaultResources.requests;
  return {
    cpuMillicores: replicas * scaled(String(requests.cpu), 1000n),
    memoryBytes: replicas * scaled(String(requests.memory), 1n),
  };
}
const web = storefront.find(e => e.metadata.name === 'storefront-web')!;
const catalogProduct = storefront.find(
  e => e.metadata.name === 'product-catalog',
)!;
const overrides = (web.spec as any).deploy.environments;
const ref = (e: Entity) => `component:default/${e.metadata.name}`;
const WEB = ref(web);
const PRODUCT = ref(catalogProduct);
const SECRET = 'component:default/payments-ledger';

const ctx = { credentials: {} } as ActionContext;
const record = (componentRef: string, environment: string): Deployment =>
  ({ componentRef, environment, desiredState: 'deployed' } as Deployment);

function service(
  usages: Record<string, Partial<DeploymentUsage>>,
  readable = (componentRef: string) => componentRef !== SECRET,
  cost: unknown = { currency: 'USD', cpuHour: '0.04', memoryGiBHour: '0.005' },
  manifests?: (key: { componentRef: string }) => Promise<string>,
) {
  const records = Object.keys(usages).map(k => {
    const [c, e] = k.split(' ');
    return record(c, e);
  });
  const usageReads: string[] = [];
  const svc = new CostService({
    allDeployments: async () => records,
    deployments: {
      listEnvironmentDeployments: async environment =>
        records
          .filter(
            r => r.environment === environment && readable(r.componentRef),
          )
          .map(r => ({ ...r, target: 'local' } as unknown as DeploymentStatus)),
    },
    observability: {
      getUsage: async key => {
        usageReads.push(`${key.componentRef} ${key.environment}`);
        const u = usages[`${key.componentRef} ${key.environment}`];
        if (!u) throw new Error('no such deployment');
        return {
          ...key,
          available: false,
          pods: [],
          totals: { requests: {}, limits: {} },
          ...u,
        } as DeploymentUsage;
      },
    },
    catalog: async () => ({
      get: (r: string) =>
        [
          ...storefront,
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: { name: 'payments-ledger' },
            spec: { system: 'payments' },
          } as Entity,
        ].find(e => ref(e) === r),
    }),
    ...(manifests ? { manifests } : {}),
    settings: readCostSettings(
      new ConfigReader(cost === null ? {} : { stagecraft: { cost } }),
    ),
  });
  return { svc, usageReads };
}

const pods = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    name: `p${i}`,
  })) as DeploymentUsage['pods'];

describe('CostService on the example organisation', () => {
  it('prices requests per component × environment, with hand-checked totals', async () => {
    expect(overrides.dev.replicas).toBe(1);
    expect(overrides.production.replicas).toBe(6);
    const { svc } = service({
      [`${WEB} dev`]: {
        pods: pods(1),
        totals: { requests: podRequests('dev', 1), limits: {} },
      },
      [`${WEB} production`]: {
        pods: pods(6),
        totals: { requests: podRequests('production', 6), limits: {} },
      },
    });
    const report = await svc.getCosts({}, ctx);
    expect(report.state).toBe('ok');
    // dev: 50m × 0.04 = 2000 µ + 64 MiB (1/16 GiB) × 0.005 = 312.5 µ → 2313 µ/h (half up);
    // a month is 730 h: 1 688 490 µ = 1.688490 USD.
    // production: 6 × 200m = 1200m × 0.04 = 48 000 µ + 6 × 256 MiB = 1.5 GiB × 0.005 =
    // 7 500 µ → 55 500 µ/h; 40.515000 USD a month. Organisation: 42.203490 USD.
    expect(
      report.items.map(i => [
        i.environment,
        i.basis,
        i.hourly.micros,
        i.monthly.amount,
      ]),
    ).toEqual([
      ['production', 'requests-only', 55_500, '40.515000'],
      ['dev', 'requests-only', 2_313, '1.688490'],
    ]);
    expect(report.byEnvironment.map(t => [t.name, t.monthly.amount])).toEqual([
      ['production', '40.515000'],
      ['dev', '1.688490'],
    ]);
    expect(report.byProject).toEqual([
      expect.objectContaining({
        name: 'storefront',
        deployments: 2,
        monthly: { micros: 42_203_490, amount: '42.203490' },
      }),
    ]);
    expect(report.total?.monthly.amount).toBe('42.203490');
    expect(report.hiddenDeployments).toBe(0);
  });

  it('bills the larger of requests and observed usage, and zero requests as zero', async () => {
    const { svc } = service({
      [`${PRODUCT} dev`]: {
        available: true,
        pods: pods(1),
        // Requests 100m / 256 MiB; it uses 150m (bursting) and 100 MiB.
        totals: {
          requests: { cpuMillicores: 100, memoryBytes: 256 * 1024 ** 2 },
          limits: {},
          usage: { cpuMillicores: 150, memoryBytes: 100 * 1024 ** 2 },
        },
      },
      [`${WEB} dev`]: {
        available: true,
        pods: pods(1),
        totals: {
          requests: {},
          limits: {},
          usage: { cpuMillicores: 0, memoryBytes: 0 },
        },
      },
    });
    const report = await svc.getCosts({ environment: 'dev' }, ctx);
    const product = report.items.find(i => i.componentRef === PRODUCT)!;
    // 150m × 0.04 = 6000 µ + 0.25 GiB × 0.005 = 1250 µ → 7250 µ/h → 5.292500 a month.
    expect(product.basis).toBe('requests-and-usage');
    expect(product.billed).toEqual({
      cpuMillicores: 150,
      memoryBytes: 256 * 1024 ** 2,
    });
    expect(product.monthly.amount).toBe('5.292500');
    const idle = report.items.find(i => i.componentRef === WEB)!;
    expect(idle.monthly.micros).toBe(0);
  });

  it('leaves out and counts components the caller may not read, never reading their usage', async () => {
    const { svc, usageReads } = service({
      [`${WEB} dev`]: {
        pods: pods(1),
        totals: { requests: podRequests('dev', 1), limits: {} },
      },
      [`${SECRET} dev`]: {
        pods: pods(3),
        totals: { requests: { cpuMillicores: 9000 }, limits: {} },
      },
    });
    const report = await svc.getCosts({}, ctx);
    expect(report.items.map(i => i.componentRef)).toEqual([WEB]);
    expect(report.hiddenDeployments).toBe(1);
    expect(report.total?.monthly.amount).toBe('1.688490');
    expect(JSON.stringify(report)).not.toContain('payments');
    expect(usageReads).toEqual([`${WEB} dev`]);
    const recs = await svc.getRecommendations({}, ctx);
    expect(recs.hiddenDeployments).toBe(1);
  });

  it('filters by project and names a deployment without pods as a gap', async () => {
    const { svc } = service(
      {
        [`${WEB} dev`]: { reason: 'the deployment has not been applied yet' },
        [`${SECRET} dev`]: {
          pods: pods(1),
          totals: { requests: { cpuMillicores: 100 }, limits: {} },
        },
      },
      () => true,
    );
    const report = await svc.getCosts({ project: 'storefront' }, ctx);
    expect(report.items.map(i => [i.componentRef, i.monthly.micros])).toEqual([
      [WEB, 0],
    ]);
    expect(report.gaps).toEqual([
      {
        componentRef: WEB,
        environment: 'dev',
        reason: 'the deployment has not been applied yet',
      },
    ]);
  });

  it('says not configured without rates, with nothing read', async () => {
    const { svc, usageReads } = service(
      { [`${WEB} dev`]: {} },
      () => true,
      null,
    );
    const report = await svc.getCosts({}, ctx);
    expect(report).toMatchObject({ state: 'not-configured', items: [] });
    expect(report.reason).toMatch(/stagecraft.cost/);
    expect(usageReads).toEqual([]);
  });
});

describe('cost recommendations', () => {
  it('lowers over-provisioned requests to usage plus headroom, with the saving', async () => {
    const { svc } = service({
      [`${WEB} production`]: {
        available: true,
        pods: pods(6),
        // 1200m / 1.5 GiB requested; 300m / 1 GiB used. CPU under half → 300 × 1.3 = 390m;
        // memory is 2/3 of the request → kept.
        totals: {
          requests: podRequests('production', 6),
          limits: {},
          usage: { cpuMillicores: 300, memoryBytes: 1024 ** 3 },
        },
      },
    });
    const { recommendations, totalMonthlySaving } =
      await svc.getRecommendations({}, ctx);
    expect(recommendations).toHaveLength(1);
    const [r] = recommendations;
    expect(r.kind).toBe('over-provisioned');
    expect(r.recommendedRequests).toEqual({
      cpuMillicores: 390,
      memoryBytes: 1.5 * 1024 ** 3,
    });
    // (1200 - 390)m × 0.04 = 32 400 µ/h × 730 = 23 652 000 µ = 23.652000.
    expect(r.monthlySaving.amount).toBe('23.652000');
    expect(totalMonthlySaving?.amount).toBe('23.652000');
  });

  it('calls a deployment with no CPU use idle and saves its whole cost; none without usage', async () => {
    const { svc } = service({
      [`${WEB} dev`]: {
        available: true,
        pods: pods(1),
        totals: {
          requests: podRequests('dev', 1),
          limits: {},
          usage: { cpuMillicores: 1, memoryBytes: 10 * 1024 ** 2 },
        },
      },
      [`${PRODUCT} dev`]: {
        available: false,
        pods: pods(1),
        totals: { requests: podRequests('dev', 1), limits: {} },
      },
    });
    const { recommendations } = await svc.getRecommendations({}, ctx);
    expect(
      recommendations.map(r => [
        r.componentRef,
        r.kind,
        r.monthlySaving.amount,
      ]),
    ).toEqual([[WEB, 'idle', '1.688490']]);
  });
});

describe('deployments without pods to read', () => {
  it("are priced from the compiled release's replicas × requests", async () => {
    const release = `apiVersion: apps/v1
kind: Deployment
metadata: { name: storefront-web }
spec:
  replicas: ${overrides.production.replicas}
  template:
    spec:
      containers:
        - name: web
          resources: { requests: { cpu: 200m, memory: 256Mi } }`;
    const { svc } = service(
      {
        [`${WEB} production`]: {
          reason: 'a GitOps target has no pods to read',
        },
      },
      () => true,
      { cpuHour: '0.04', memoryGiBHour: '0.005' },
      async () => release,
    );
    const report = await svc.getCosts({}, ctx);
    // The same numbers as from the running pods: 6 × (200m, 256Mi) → 40.515000 a month.
    expect(report.items).toEqual([
      expect.objectContaining({
        requestsFrom: 'manifests',
        podCount: 0,
        monthly: { micros: 40_515_000, amount: '40.515000' },
      }),
    ]);
    expect(report.gaps).toEqual([]);
  });
});
