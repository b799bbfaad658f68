import { screen, within } from '@testing-library/react';
import { StagecraftApi } from '../../api/StagecraftApi';
import { renderWithEntity } from '../Runtime/__testUtils__/renderWithEntity';
import {
  COMPONENT_REF,
  deploymentUsage,
  metricsReport,
  pod,
} from './__testUtils__/observabilityFixtures';
import { RuntimeUsage } from './RuntimeUsage';

jest.setTimeout(30_000);

const render = (api: Partial<StagecraftApi>) =>
  renderWithEntity(
    <RuntimeUsage componentRef={COMPONENT_REF} environment="dev" />,
    { getMetrics: async () => metricsReport(), ...api },
  );

const meterText = (name: string) =>
  screen.getByRole('meter', { name }).getAttribute('aria-valuetext');

describe('RuntimeUsage', () => {
  it('shows progress while usage loads', async () => {
    render({ getUsage: () => new Promise(() => {}) });
    expect(
      await screen.findByRole('progressbar', {
        name: 'Loading resource usage',
      }),
    ).toBeInTheDocument();
  });

  it('shows CPU and memory of each pod against its request and limit, in words too', async () => {
    render({ getUsage: async () => deploymentUsage() });
    const table = await screen.findByRole('table', { name: 'Pod usage' });
    expect(meterText('CPU of checkout-api-6d9f-a')).toBe(
      '120m used, request 250m, limit 500m: within request',
    );
    // 470m of a 500m limit: near the limit, said in words and not only by the bar's colour.
    expect(meterText('CPU of checkout-api-6d9f-b')).toBe(
      '470m used, request 250m, limit 500m: near limit',
    );
    expect(meterText('Memory of checkout-api-6d9f-b')).toBe(
      '90 MiB used, request 128 MiB, limit 256 MiB: within request',
    );
    const rows = within(table).getAllByRole('row');
    expect(rows[2]).toHaveTextContent('470m· req 250m · lim 500mnear limit');
    expect(rows[3]).toHaveTextContent('All 2 pods');
    expect(rows[3]).toHaveTextContent(
      '590m· req 500m · lim 1000mabove request',
    );
  });

  it('says why usage is not available and still shows requests and limits', async () => {
    render({
      getUsage: async () =>
        deploymentUsage({
          available: false,
          reason: 'the cluster does not serve the metrics API (metrics.k8s.io)',
          pods: [pod('checkout-api-6d9f-a')],
          totals: { requests: {}, limits: {} },
        }),
    });
    const notice = await screen.findByRole('status');
    expect(notice).toHaveTextContent(
      'Usage now is not available: the cluster does not serve the metrics API (metrics.k8s.io) Requests and limits are still shown.',
    );
    const row = within(
      screen.getByRole('table', { name: 'Pod usage' }),
    ).getAllByRole('row')[1];
    expect(row).toHaveTextContent('—· req 250m · lim 500mno sample');
    expect(screen.queryByRole('meter')).toBeNull();
  });

  it('says when no pods run', async () => {
    render({ getUsage: async () => deploymentUsage({ pods: [] }) });
    expect(
      await screen.findByText(
        'No pods run for this component in this environment.',
      ),
    ).toBeInTheDocument();
  });

  it('shows the error when usage cannot be loaded', async () => {
    render({
      getUsage: async () => {
        throw new Error('Forbidden');
      },
    });
    expect(
      await screen.findByText('Could not load resource usage: Forbidden'),
    ).toBeInTheDocument();
  });

  it('charts the last hour of CPU, memory and restarts only', async () => {
    const { api } = render({
      getUsage: async () => deploymentUsage(),
      getMetrics: async () =>
        metricsReport({
          metrics: [
            ...metricsReport().metrics,
            {
              ...metricsReport().metrics[0],
              name: 'requests',
              title: 'Request rate',
            },
          ],
        }),
    });
    await screen.findByRole('table', { name: 'CPU figures' });
    expect(api.getMetrics).toHaveBeenCalledWith(COMPONENT_REF, 'dev', '1h');
    expect(screen.getByRole('region', { name: 'Memory' })).toBeInTheDocument();
    expect(
      screen.getByRole('region', { name: 'Restarts' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Request rate' })).toBeNull();
  });

  it('says what to configure when there is no metrics history', async () => {
    render({
      getUsage: async () => deploymentUsage(),
      getMetrics: async () =>
        metricsReport({ state: 'not-configured', metrics: [] }),
    });
    expect(
      await screen.findByText('Metrics are not configured for dev'),
    ).toBeInTheDocument();
    // Usage now comes from the metrics API, which does not need the provider.
    expect(
      screen.getByRole('table', { name: 'Pod usage' }),
    ).toBeInTheDocument();
  });
});
