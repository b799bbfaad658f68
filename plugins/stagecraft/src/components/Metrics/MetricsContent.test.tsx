import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { StagecraftApi } from '../../api/StagecraftApi';
import { renderWithEntity } from '../Runtime/__testUtils__/renderWithEntity';
import {
  COMPONENT_REF,
  deployment,
  metric,
  metricsReport,
} from '../Usage/__testUtils__/observabilityFixtures';
import { MetricsContent } from './MetricsContent';

jest.setTimeout(30_000);

const render = (getMetrics: StagecraftApi['getMetrics']) =>
  renderWithEntity(<MetricsContent />, {
    listDeployments: async () => [deployment('dev')],
    getMetrics,
  });

describe('MetricsContent', () => {
  it('shows progress while the metrics load', async () => {
    render(() => new Promise(() => {}));
    expect(
      await screen.findByRole('progressbar', { name: 'Loading metric charts' }),
    ).toBeInTheDocument();
  });

  it('says what to configure when no metrics provider is configured', async () => {
    render(async () =>
      metricsReport({
        state: 'not-configured',
        reason: 'no metrics provider for environment dev',
        metrics: [],
        start: undefined,
        end: undefined,
      }),
    );
    const notice = await screen.findByRole('status');
    expect(notice).toHaveTextContent('Metrics are not configured for dev');
    expect(notice).toHaveTextContent('no metrics provider for environment dev');
    expect(notice).toHaveTextContent(
      'stagecraft.observability.environments.dev.metrics',
    );
    expect(
      within(notice).getByLabelText('Example metrics configuration'),
    ).toHaveTextContent('type: prometheus');
    expect(notice).toHaveTextContent('docs/observability.md');
  });

  it('says why when the provider is unavailable, without an error page', async () => {
    render(async () =>
      metricsReport({
        state: 'unavailable',
        reason: 'unavailable: the metrics server did not answer within 5 s',
        metrics: [],
      }),
    );
    const notice = await screen.findByRole('status');
    expect(notice).toHaveTextContent('Metrics are unavailable for dev');
    expect(notice).toHaveTextContent(
      'the metrics server did not answer within 5 s',
    );
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('says so when the provider has no metrics for the deployment', async () => {
    render(async () => metricsReport({ metrics: [] }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      'The metrics provider has no metrics for this deployment.',
    );
  });

  it('shows each metric with its figures in words, and why a metric has none', async () => {
    render(async () =>
      metricsReport({
        metrics: [
          metric('cpu', {}, ['checkout-api-a', 'checkout-api-b']),
          metric('memory', {
            series: [
              {
                pod: 'checkout-api-a',
                points: [{ t: 1, v: 200 * 1024 * 1024 }],
              },
            ],
          }),
          metric('restarts', {
            state: 'no-data',
            reason: 'no restart series for these pods',
            series: [],
          }),
          metric('latency', {
            state: 'unavailable',
            reason: 'the query failed: 422',
            series: [],
          }),
        ],
      }),
    );
    const cpu = await screen.findByRole('table', { name: 'CPU figures' });
    const rows = within(cpu).getAllByRole('row');
    expect(rows.map(r => r.textContent)).toEqual([
      'PodLatestHighestMean',
      'checkout-api-a30m30m20m',
      'checkout-api-b30m30m20m',
    ]);
    expect(
      screen.getByRole('img', { name: 'CPU over time, 2 series' }),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('table', { name: 'Memory figures' })).getByText(
        '200 MiB',
        { selector: 'td:nth-child(2)' },
      ),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('region', { name: 'Restarts' })).getByRole(
        'status',
      ),
    ).toHaveTextContent(
      'No data in this range: no restart series for these pods',
    );
    expect(
      within(screen.getByRole('region', { name: 'Latency (p95)' })).getByRole(
        'status',
      ),
    ).toHaveTextContent('Unavailable: the query failed: 422');
    expect(screen.getByText(/a point every 15 s \(prometheus\)/)).toBeVisible();
  });

  it('asks for the range the user picks, an hour by default', async () => {
    const { api } = render(async () => metricsReport());
    await screen.findByRole('table', { name: 'CPU figures' });
    expect(api.getMetrics).toHaveBeenLastCalledWith(COMPONENT_REF, 'dev', '1h');
    expect(screen.getByRole('button', { name: 'Last 1 hour' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Last 6 hours' }));
    await screen.findByRole('table', { name: 'CPU figures' });
    expect(api.getMetrics).toHaveBeenLastCalledWith(COMPONENT_REF, 'dev', '6h');
    expect(
      screen.getByRole('button', { name: 'Last 6 hours' }),
    ).toHaveAttribute('aria-pressed', 'true');
  });

  it('charts the environment the user picks, over the range picked', async () => {
    const getMetrics = jest.fn(async (_ref: string, environment: string) =>
      metricsReport({ environment }),
    );
    renderWithEntity(<MetricsContent />, {
      listDeployments: async () => [deployment('dev'), deployment('staging')],
      getMetrics,
    });
    await screen.findByRole('table', { name: 'CPU figures' });
    const picker = screen.getByRole('combobox', {
      name: 'Environment',
    }) as HTMLSelectElement;
    const first = picker.value;
    expect(getMetrics).toHaveBeenLastCalledWith(COMPONENT_REF, first, '1h');
    const other = first === 'staging' ? 'dev' : 'staging';
    fireEvent.click(screen.getByRole('button', { name: 'Last 6 hours' }));
    fireEvent.change(picker, { target: { value: other } });
    await waitFor(() =>
      expect(getMetrics).toHaveBeenLastCalledWith(COMPONENT_REF, other, '6h'),
    );
    expect(
      await screen.findByRole('table', { name: 'CPU figures' }),
    ).toBeVisible();
  });

  it('shows the error when the metrics cannot be loaded at all', async () => {
    render(async () => {
      throw new Error('You are not allowed to read this deployment');
    });
    expect(
      await screen.findByText(
        'Could not load metrics: You are not allowed to read this deployment',
      ),
    ).toBeInTheDocument();
  });
});
