import type { Entity } from '@backstage/catalog-model';
import type {
  CostRecommendationsReport,
  CostReport,
} from '@stagecraft/plugin-stagecraft-common';
import { screen, within } from '@testing-library/react';
import type { StagecraftApi } from '../../api/StagecraftApi';
import { renderEntityView } from '../Deploy/__testUtils__/renderDeployView';
import { CostCard } from './CostCard';

jest.setTimeout(30_000); // see DeployTab.test.tsx

const storefront: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'storefront', namespace: 'default' },
  spec: { owner: 'team-storefront' },
};

const money = (micros: number) => ({
  micros,
  amount: (micros / 1e6).toFixed(6),
});
const WEB = 'component:default/storefront-web';

// The numbers of the backend's unit tests (cost/CostService.test.ts), hand-checked there.
const costs = (o: Partial<CostReport> = {}): CostReport => ({
  state: 'ok',
  currency: 'USD',
  hoursPerMonth: 730,
  items: [
    {
      componentRef: WEB,
      environment: 'production',
      project: 'storefront',
      podCount: 6,
      requests: { cpuMillicores: 1200, memoryBytes: 1.5 * 1024 ** 3 },
      requestsFrom: 'pods',
      basis: 'requests-only',
      billed: { cpuMillicores: 1200, memoryBytes: 1.5 * 1024 ** 3 },
      hourly: money(55_500),
      monthly: money(40_515_000),
    },
  ],
  byProject: [],
  byEnvironment: [],
  total: {
    name: 'organisation',
    hourly: money(55_500),
    monthly: money(40_515_000),
    deployments: 1,
  },
  hiddenDeployments: 0,
  gaps: [],
  ...o,
});
const recommendations = (
  o: Partial<CostRecommendationsReport> = {},
): CostRecommendationsReport => ({
  state: 'ok',
  currency: 'USD',
  recommendations: [
    {
      kind: 'over-provisioned',
      componentRef: WEB,
      environment: 'production',
      project: 'storefront',
      summary:
        'Lower the requests in production (pod totals): CPU 1200m CPU → 390m CPU',
      evidence: '6 pod(s) use 300m CPU and 1.00 GiB',
      recommendedRequests: { cpuMillicores: 390 },
      monthlySaving: money(23_652_000),
    },
  ],
  totalMonthlySaving: money(23_652_000),
  hiddenDeployments: 0,
  thresholds: {
    overProvisionedRatio: 0.5,
    headroom: 1.3,
    idleCpuMillicores: 2,
    minimumMonthlySaving: money(0),
  },
  ...o,
});

const render = (methods: Partial<StagecraftApi>) =>
  renderEntityView(<CostCard />, methods, {
    entity: storefront,
    entities: [storefront],
  });

describe('CostCard', () => {
  it("shows the project's monthly cost, the organisation's, the breakdown and the top saving", async () => {
    const getCosts = jest.fn(async (filter: object) =>
      'project' in filter
        ? costs({ hiddenDeployments: 2 })
        : costs({ total: { ...costs().total!, monthly: money(99_990_000) } }),
    );
    render({
      getCosts,
      getCostRecommendations: async () => recommendations(),
    });
    const table = await screen.findByRole('table', { name: 'Cost breakdown' });
    const row = within(table).getAllByRole('row')[1];
    expect(
      within(row).getByRole('link', { name: 'storefront-web' }),
    ).toBeInTheDocument();
    expect(within(row).getByText('production')).toBeInTheDocument();
    expect(within(row).getByText('$40.52')).toBeInTheDocument();
    expect(
      screen.getByText(
        /\$40\.52 per month for the storefront project \(hourly cost × 730 h\)/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('$99.99')).toBeInTheDocument();
    const list = screen.getByRole('list', { name: 'Cost recommendations' });
    expect(within(list).getByText('Over-provisioned')).toBeInTheDocument();
    expect(within(list).getByText('$23.65')).toBeInTheDocument();
    expect(
      screen.getByText(/2 deployment\(s\) of components you may not read/),
    ).toBeInTheDocument();
    expect(getCosts).toHaveBeenCalledWith({
      project: 'system:default/storefront',
    });
    expect(document.body.textContent).not.toContain('"micros"');
  });

  it('says when cost is not configured', async () => {
    render({
      getCosts: async () =>
        costs({
          state: 'not-configured',
          reason: 'no rates: set stagecraft.cost',
          items: [],
          total: undefined,
        }),
      getCostRecommendations: async () =>
        recommendations({ state: 'not-configured', recommendations: [] }),
    });
    expect(
      await screen.findByText(
        'Cost is not configured: no rates: set stagecraft.cost',
      ),
    ).toBeInTheDocument();
  });

  it('says that no saving can be computed without observed usage', async () => {
    render({
      getCosts: async () => costs(),
      getCostRecommendations: async () =>
        recommendations({ recommendations: [] }),
    });
    expect(
      await screen.findByText(/No usage is observed here/),
    ).toBeInTheDocument();
  });

  it('says when nothing is deployed', async () => {
    render({
      getCosts: async () => costs({ items: [] }),
      getCostRecommendations: async () =>
        recommendations({ recommendations: [] }),
    });
    expect(
      await screen.findByText(
        /Nothing you may see is deployed for the storefront project/,
      ),
    ).toBeInTheDocument();
  });

  it('says why the cost cannot be loaded', async () => {
    render({
      getCosts: async () => {
        throw new Error('backend unavailable');
      },
      getCostRecommendations: async () => recommendations(),
    });
    expect(
      await screen.findByText(
        'Could not load the cost of the storefront project: backend unavailable',
      ),
    ).toBeInTheDocument();
  });
});
