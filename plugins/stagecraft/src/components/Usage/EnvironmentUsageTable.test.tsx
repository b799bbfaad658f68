import { screen, within } from '@testing-library/react';
import type { EnvironmentUsage } from '@stagecraft/plugin-stagecraft-common';
import { StagecraftApi } from '../../api/StagecraftApi';
import { deployment } from '../Deploy/__testUtils__/deployFixtures';
import { renderEntityView } from '../Deploy/__testUtils__/renderDeployView';
import { EnvironmentDeploymentsContent } from '../EnvironmentPage/EnvironmentDeploymentsContent';
import { EnvironmentUsageTable } from './EnvironmentUsageTable';

jest.setTimeout(30_000);

const MiB = 1024 * 1024;
const render = (getEnvironmentUsage: StagecraftApi['getEnvironmentUsage']) =>
  renderEntityView(<EnvironmentUsageTable environment="staging" />, {
    getEnvironmentUsage,
  });

const usage: EnvironmentUsage = {
  environment: 'staging',
  items: [
    {
      componentRef: 'component:default/checkout-api',
      available: true,
      podCount: 2,
      usage: { cpuMillicores: 300, memoryBytes: 200 * MiB },
      requests: { cpuMillicores: 500, memoryBytes: 256 * MiB },
      limits: { cpuMillicores: 1000, memoryBytes: 512 * MiB },
    },
    {
      componentRef: 'component:default/orders-api',
      available: false,
      reason: 'deployed through a GitOps target',
      podCount: 2,
      requests: {},
      limits: {},
    },
    {
      componentRef: 'component:default/nightly-report',
      available: true,
      podCount: 0,
      requests: {},
      limits: {},
    },
  ],
};

describe('EnvironmentUsageTable', () => {
  it('shows progress while usage loads', async () => {
    render(() => new Promise(() => {}));
    expect(
      await screen.findByRole('progressbar', {
        name: 'Loading resource usage in staging',
      }),
    ).toBeInTheDocument();
  });

  it('shows each deployment’s pods, CPU and memory, or why it has none', async () => {
    const { api } = render(async () => usage);
    const table = await screen.findByRole('table', {
      name: 'Usage in staging',
    });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent(
      'checkout-api2300m· req 500m · lim 1000m',
    );
    expect(
      within(rows[0])
        .getByRole('meter', {
          name: 'Memory of component:default/checkout-api',
        })
        .getAttribute('aria-valuetext'),
    ).toBe('200 MiB used, request 256 MiB, limit 512 MiB: within request');
    expect(rows[1]).toHaveTextContent(
      'orders-api2Not available: deployed through a GitOps target',
    );
    expect(rows[2]).toHaveTextContent(
      'nightly-report0No pods run now (scaled to zero, or a job between runs).',
    );
    expect(api.getEnvironmentUsage).toHaveBeenCalledWith('staging');
  });

  it('says when nothing readable runs there', async () => {
    render(async () => ({ environment: 'staging', items: [] }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Nothing runs in staging that you may see.',
    );
  });

  it('shows the error when usage cannot be loaded', async () => {
    render(async () => {
      throw new Error('Service Unavailable');
    });
    expect(
      await screen.findByText(
        'Could not load resource usage in staging: Service Unavailable',
      ),
    ).toBeInTheDocument();
  });

  it('is on the Environment page, below what is deployed there', async () => {
    const staging = {
      apiVersion: 'stagecraft.dev/v1alpha1',
      kind: 'Environment',
      metadata: { name: 'staging', namespace: 'default' },
      spec: { target: 'local' },
    };
    renderEntityView(
      <EnvironmentDeploymentsContent />,
      {
        listEnvironmentDeployments: async () => [deployment('staging')],
        getEnvironmentUsage: async () => usage,
      },
      { entity: staging, entities: [staging] },
    );
    expect(
      await screen.findByRole('region', { name: 'Resource usage in staging' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('table', { name: 'Usage in staging' }),
    ).toBeInTheDocument();
  });
});
