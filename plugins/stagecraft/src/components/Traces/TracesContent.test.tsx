import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { StagecraftApi } from '../../api/StagecraftApi';
import { renderWithEntity } from '../Runtime/__testUtils__/renderWithEntity';
import {
  COMPONENT_REF,
  deployment,
  trace,
  tracesReport,
} from '../Usage/__testUtils__/observabilityFixtures';
import { TracesContent } from './TracesContent';

jest.setTimeout(30_000);

const render = (
  listTraces: StagecraftApi['listTraces'],
  listLinks: StagecraftApi['listLinks'] = async () => [],
) =>
  renderWithEntity(<TracesContent />, {
    listDeployments: async () => [deployment('dev')],
    listLinks,
    listTraces,
  });

describe('TracesContent', () => {
  it('shows progress while the traces load', async () => {
    render(() => new Promise(() => {}));
    expect(
      await screen.findByRole('progressbar', { name: 'Loading recent traces' }),
    ).toBeInTheDocument();
  });

  it('lists recent traces with start, duration, spans and errors, each linking to the trace', async () => {
    render(async () => tracesReport());
    const table = await screen.findByRole('table', { name: 'Traces' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map(r => r.textContent)).toEqual([
      '2 minutes agoPOST /paymentscheckout-api343 ms3none4bf92f3577b34da6a3ce929d0e0e4736',
      '2 minutes agoGET /cartcheckout-api1.52 s52 errorsa1b2c3d4e5f60718293a4b5c6d7e8f90',
    ]);
    expect(
      within(rows[1]).getByRole('link', {
        name: 'Open trace a1b2c3d4e5f60718293a4b5c6d7e8f90 (GET /cart)',
      }),
    ).toHaveAttribute(
      'href',
      'http://127.0.0.1:16686/trace/a1b2c3d4e5f60718293a4b5c6d7e8f90',
    );
    expect(
      screen.getByRole('link', { name: /Search in jaeger/ }),
    ).toHaveAttribute(
      'href',
      'http://127.0.0.1:16686/search?service=checkout-api',
    );
  });

  it('asks for error traces only when the switch is on, and says when there are none', async () => {
    const { api } = render(async (_ref, _env, query) =>
      query?.errorsOnly ? tracesReport({ traces: [] }) : tracesReport(),
    );
    await screen.findByRole('table', { name: 'Traces' });
    expect(api.listTraces).toHaveBeenLastCalledWith(COMPONENT_REF, 'dev', {
      limit: 20,
      errorsOnly: false,
      lookback: '1h',
    });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Errors only' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      'No traces with errors in dev in the last 1h.',
    );
    expect(api.listTraces).toHaveBeenLastCalledWith(COMPONENT_REF, 'dev', {
      limit: 20,
      errorsOnly: true,
      lookback: '1h',
    });
    fireEvent.click(screen.getByRole('button', { name: 'Last 24 hours' }));
    await waitFor(() =>
      expect(api.listTraces).toHaveBeenLastCalledWith(COMPONENT_REF, 'dev', {
        limit: 20,
        errorsOnly: true,
        lookback: '24h',
      }),
    );
  });

  it('says when the component sent no traces', async () => {
    render(async () => tracesReport({ traces: [] }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      'No traces in dev in the last 1h: the component has sent none, or it is not instrumented.',
    );
  });

  it('says what to configure when no traces provider is configured', async () => {
    render(async () =>
      tracesReport({
        state: 'not-configured',
        reason: 'no traces provider for environment dev',
        searchUrl: undefined,
        traces: [],
      }),
    );
    const notice = await screen.findByRole('status');
    expect(notice).toHaveTextContent('Traces are not configured for dev');
    expect(
      within(notice).getByLabelText('Example traces configuration'),
    ).toHaveTextContent('type: jaeger');
    expect(notice).toHaveTextContent('docs/observability.md');
    expect(screen.queryByRole('link', { name: /Search in/ })).toBeNull();
  });

  it('says why when the traces provider is unavailable', async () => {
    render(async () =>
      tracesReport({
        state: 'unavailable',
        reason: 'unavailable: 503 from the traces server',
        traces: [],
      }),
    );
    const notice = await screen.findByRole('status');
    expect(notice).toHaveTextContent('Traces are unavailable for dev');
    expect(notice).toHaveTextContent('503 from the traces server');
  });

  it('keeps the configured links as shortcuts', async () => {
    render(
      async () => tracesReport({ traces: [trace()] }),
      async () => [
        { title: 'Grafana dashboard', url: 'https://grafana.example/d/1' },
      ],
    );
    expect(
      await screen.findByRole('link', { name: 'Grafana dashboard' }),
    ).toHaveAttribute('href', 'https://grafana.example/d/1');
  });

  it('shows the error when the traces cannot be loaded at all', async () => {
    render(async () => {
      throw new Error('Not found');
    });
    expect(
      await screen.findByText('Could not load traces: Not found'),
    ).toBeInTheDocument();
  });
});
