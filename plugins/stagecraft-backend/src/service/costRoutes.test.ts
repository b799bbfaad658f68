import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import express from 'express';
import request from 'supertest';
import type { DeploymentStatus } from '../actions/types';
import { readCostSettings } from '../cost/costConfig';
import { CostService } from '../cost/CostService';
import type { Deployment } from '../database/DeploymentStore';
import type { DeploymentUsage } from '../observability/types';
import { fakeActions } from './__testUtils__/fakeActions';
import { fakeRuntimeActions } from './__testUtils__/fakeRuntimeActions';
import { expectMatchesSpec } from './__testUtils__/expectMatchesSpec';
import { createRouter } from './createRouter';

const BASE = '/api/stagecraft';
const WEB = 'component:default/storefront-web';
const HIDDEN = 'component:default/payment-ledger';

/** The cost routes over the real cost service; the caller may not read payment-ledger. */
function setup(
  cost: object | null = { cpuHour: '0.04', memoryGiBHour: '0.005' },
) {
  const records = [WEB, HIDDEN].map(
    componentRef =>
      ({
        componentRef,
        environment: 'production',
        desiredState: 'deployed',
      } as Deployment),
  );
  const getUsage = jest.fn(
    async (key: { componentRef: string; environment: string }) =>
      ({
        ...key,
        available: true,
        source: 'metrics-api',
        pods: [
          {
            name: 'p',
            namespace: 'n',
            phase: 'Running',
            requests: {},
            limits: {},
            containers: [],
          },
        ],
        totals: {
          requests: { cpuMillicores: 1200, memoryBytes: 1.5 * 1024 ** 3 },
          limits: {},
          usage: { cpuMillicores: 300, memoryBytes: 1024 ** 3 },
        },
      } as DeploymentUsage),
  );
  const service = new CostService({
    allDeployments: async () => records,
    deployments: {
      listEnvironmentDeployments: async () =>
        records
          .filter(r => r.componentRef !== HIDDEN)
          .map(r => ({ ...r, target: 'local' } as unknown as DeploymentStatus)),
    },
    observability: { getUsage },
    catalog: async () => ({
      get: () => ({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'storefront-web' },
        spec: { system: 'storefront' },
      }),
    }),
    settings: readCostSettings(
      new ConfigReader(cost ? { stagecraft: { cost } } : {}),
    ),
  });
  const router = createRouter({
    actions: fakeActions(),
    runtime: fakeRuntimeActions(),
    cost: service,
    httpAuth: mockServices.httpAuth(),
    logger: mockServices.logger.mock(),
    targets: [],
  });
  const middleware = MiddlewareFactory.create({
    config: mockServices.rootConfig(),
    logger: mockServices.logger.mock(),
  });
  const app = express().use(BASE, router).use(middleware.error());
  const call = async (path: string) => {
    const res = await request(app).get(`${BASE}${path}`);
    expectMatchesSpec({
      method: 'GET',
      path: path.split('?')[0],
      status: res.status,
      body: res.body,
    });
    return res;
  };
  return { call, getUsage };
}

describe('cost routes', () => {
  it('serve the breakdown as the spec describes it, the unreadable component only counted', async () => {
    const { call, getUsage } = setup();
    const res = await call('/costs?environment=production&project=storefront');
    expect(res.status).toBe(200);
    // 1200m × 0.04 = 48 000 µ + 1.5 GiB × 0.005 = 7 500 µ → 55 500 µ/h × 730.
    expect(res.body.total.monthly).toEqual({
      micros: 40_515_000,
      amount: '40.515000',
    });
    expect(res.body.items.map((i: any) => i.componentRef)).toEqual([WEB]);
    expect(res.body.hiddenDeployments).toBe(1);
    expect(JSON.stringify(res.body)).not.toContain('payment-ledger');
    expect(getUsage.mock.calls.map(([key]) => key.componentRef)).toEqual([WEB]);
  });

  it('serve the recommendations with their saving', async () => {
    const { call } = setup();
    const res = await call('/cost-recommendations');
    expect(res.status).toBe(200);
    expect(res.body.recommendations).toHaveLength(1);
    // CPU 1200m → 390m: 810m × 0.04 = 32 400 µ/h × 730.
    expect(res.body.recommendations[0]).toMatchObject({
      kind: 'over-provisioned',
      monthlySaving: { amount: '23.652000' },
    });
  });

  it('say not configured without rates, as a 200', async () => {
    const { call } = setup(null);
    const res = await call('/costs');
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('not-configured');
  });

  it('refuse malformed filters before the service is asked', async () => {
    const { call, getUsage } = setup();
    for (const query of [
      'environment=Prod!',
      'project=../../etc',
      'component=checkout-api',
      `project=${'a'.repeat(300)}`,
    ]) {
      expect({ query, status: (await call(`/costs?${query}`)).status }).toEqual(
        {
          query,
          status: 400,
        },
      );
    }
    expect(getUsage).not.toHaveBeenCalled();
  });
});
