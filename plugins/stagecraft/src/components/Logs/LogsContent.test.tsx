import type { LogLine } from '@stagecraft/plugin-stagecraft-common';
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { LogStreamOptions, StagecraftApi } from '../../api/StagecraftApi';
import { renderWithEntity } from '../Runtime/__testUtils__/renderWithEntity';
import {
  componentRef,
  deployment,
  pod,
  snapshot,
} from '../Runtime/__testUtils__/runtimeFixtures';
import { LogsContent } from './LogsContent';

type Handlers = Parameters<StagecraftApi['streamLogs']>[3];

/** A fake `streamLogs` that records each stream, so a test can push lines into it. */
function fakeLogStreams() {
  const streams: {
    environment: string;
    options: LogStreamOptions;
    handlers: Handlers;
    close: jest.Mock;
  }[] = [];
  const streamLogs: StagecraftApi['streamLogs'] = (
    _ref,
    environment,
    options,
    handlers,
  ) => {
    const close = jest.fn();
    streams.push({ environment, options, handlers, close });
    return { close };
  };
  const latest = () => streams[streams.length - 1];
  /** Waits until `count` streams have been opened; the view opens one after it renders. */
  const opened = (count = 1) =>
    waitFor(() => expect(streams).toHaveLength(count));
  const send = (...lines: Partial<LogLine>[]) =>
    act(() => {
      for (const line of lines) {
        latest().handlers.onLine({
          pod: 'checkout-api-1',
          container: 'app',
          text: '',
          ...line,
        });
      }
    });
  return { streams, streamLogs, latest, send, opened };
}

const twoPods = [
  pod('checkout-api-1'),
  pod('checkout-api-2', {
    containers: [
      {
        name: 'app',
        image: 'registry.local/checkout-api:1.4.0',
        ready: true,
        restarts: 0,
        state: 'running',
      },
      {
        name: 'proxy',
        image: 'registry.local/proxy:2',
        ready: true,
        restarts: 0,
        state: 'running',
      },
    ],
  }),
];

function renderLogs(overrides: Partial<StagecraftApi> = {}) {
  const logs = fakeLogStreams();
  const rendered = renderWithEntity(<LogsContent />, {
    listDeployments: async () => [
      deployment('staging'),
      deployment('production'),
    ],
    getRuntime: async (_ref, environment) =>
      snapshot(environment, { pods: twoPods }),
    streamLogs: logs.streamLogs,
    ...overrides,
  });
  return { ...rendered, logs };
}

const logOutput = () => screen.getByRole('log', { name: 'Log output' });
const select = (name: string, value: string) =>
  fireEvent.change(screen.getByRole('combobox', { name }), {
    target: { value },
  });

describe('LogsContent', () => {
  it('shows progress while the pods load', async () => {
    renderLogs({ getRuntime: () => new Promise(() => {}) });
    expect(
      await screen.findByRole('progressbar', { name: 'Loading pods' }),
    ).toBeInTheDocument();
  });

  it('shows the error when the pods cannot be loaded, and checks again', async () => {
    let calls = 0;
    const { api } = renderLogs({
      getRuntime: async (_ref, environment) => {
        if (calls++ === 0) throw new Error('cluster unreachable');
        return snapshot(environment, { pods: twoPods });
      },
    });
    expect(
      await screen.findByText(
        /Could not load the pods of this environment: cluster unreachable/,
      ),
    ).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Check again' }));

    expect(
      await screen.findByRole('log', { name: 'Log output' }),
    ).toBeInTheDocument();
    expect(api.getRuntime).toHaveBeenCalledTimes(2);
  });

  it('explains why logs are missing for a GitOps target, without opening a stream', async () => {
    const { api } = renderLogs({
      getRuntime: async (_ref, environment) =>
        snapshot(environment, {
          available: false,
          reason: 'Target "fleet" is a GitOps repository.',
          pods: [],
        }),
    });
    expect(
      await screen.findByText(
        /Logs are not available for this environment. Target "fleet" is a GitOps repository./,
      ),
    ).toBeInTheDocument();
    expect(api.streamLogs).not.toHaveBeenCalled();
  });

  it('says so when no pods run', async () => {
    const { api } = renderLogs({
      getRuntime: async (_ref, environment) =>
        snapshot(environment, { pods: [] }),
    });
    expect(
      await screen.findByText(/No pods are running in this environment/),
    ).toBeInTheDocument();
    expect(api.streamLogs).not.toHaveBeenCalled();
  });

  it('streams all pods of the first deployed environment and shows lines as they arrive', async () => {
    const { logs } = renderLogs();
    await logs.opened();
    expect(logs.latest()).toMatchObject({
      environment: 'staging',
      options: { tailLines: 100 },
    });
    expect(
      screen.getByRole('status', { name: 'Log stream' }),
    ).toHaveTextContent('Connecting…');
    expect(logOutput()).toHaveTextContent('Waiting for log lines…');

    logs.send(
      { text: 'listening on :8080' },
      { pod: 'checkout-api-2', container: 'proxy', text: 'proxy ready' },
    );

    expect(
      await within(logOutput()).findByText('proxy ready'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('status', { name: 'Log stream' }),
    ).toHaveTextContent('Live');
    expect(
      Array.from(logOutput().children).map(line => line.textContent),
    ).toEqual([
      'checkout-api-1/applistening on :8080',
      'checkout-api-2/proxyproxy ready',
    ]);
  });

  it('keeps the pickers\' labels above their values, which "All pods" would otherwise sit under', async () => {
    const { logs } = renderLogs();
    await logs.opened();
    for (const name of ['Pod', 'Container', 'History']) {
      const picker = screen.getByRole('combobox', { name });
      const label = document.querySelector(`label[for="${picker.id}"]`);
      expect(label).toHaveAttribute('data-shrink', 'true');
    }
    expect(screen.getByRole('combobox', { name: 'Pod' })).toHaveDisplayValue(
      'All pods',
    );
  });

  it('pauses the screen but keeps receiving, then resumes with the new lines', async () => {
    const { logs } = renderLogs();
    await logs.opened();
    logs.send({ text: 'before pause' });
    await within(logOutput()).findByText('before pause');

    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    logs.send({ text: 'while paused 1' }, { text: 'while paused 2' });

    expect(await screen.findByText('2 new lines')).toBeInTheDocument();
    expect(
      within(logOutput()).queryByText('while paused 1'),
    ).not.toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Resume' }));

    expect(within(logOutput()).getByText('while paused 2')).toBeInTheDocument();
    expect(screen.queryByText('2 new lines')).not.toBeInTheDocument();
  });

  it('filters lines by text and highlights the match', async () => {
    const { logs } = renderLogs();
    await logs.opened();
    logs.send(
      { text: 'GET /health 200' },
      { text: 'payment failed: ERROR 502' },
    );
    await within(logOutput()).findByText('GET /health 200');

    fireEvent.change(screen.getByRole('textbox', { name: 'Filter' }), {
      target: { value: 'error' },
    });

    expect(
      within(logOutput()).queryByText('GET /health 200'),
    ).not.toBeInTheDocument();
    expect(logOutput().querySelector('mark')).toHaveTextContent('ERROR');

    fireEvent.change(screen.getByRole('textbox', { name: 'Filter' }), {
      target: { value: 'timeout' },
    });
    expect(logOutput()).toHaveTextContent('No lines match “timeout”.');
  });

  it('shows timestamps only when asked to', async () => {
    const { logs } = renderLogs({
      getRuntime: async (_ref, environment) =>
        snapshot(environment, { pods: [pod('checkout-api-1')] }),
    });
    await logs.opened();
    logs.send({ text: 'started', timestamp: '2025-01-10T12:00:00.000Z' });
    await within(logOutput()).findByText('started');
    expect(logOutput()).not.toHaveTextContent('2025-01-10T12:00:00.000Z');

    fireEvent.click(screen.getByRole('checkbox', { name: 'Timestamps' }));

    expect(logOutput()).toHaveTextContent('2025-01-10T12:00:00.000Zstarted');
  });

  describe('download', () => {
    const createObjectURL = jest.fn((_blob: Blob) => 'blob:stagecraft-logs');
    const revokeObjectURL = jest.fn();
    let saved: { href: string; download: string } | undefined;

    beforeEach(() => {
      Object.assign(URL, { createObjectURL, revokeObjectURL });
      jest
        .spyOn(HTMLAnchorElement.prototype, 'click')
        .mockImplementation(function save(this: HTMLAnchorElement) {
          saved = { href: this.href, download: this.download };
        });
    });
    afterEach(() => jest.restoreAllMocks());

    it('saves the buffered lines as a .log file', async () => {
      const { logs } = renderLogs();
      await logs.opened();
      logs.send(
        { text: 'one', timestamp: '2025-01-10T12:00:00Z' },
        { pod: 'checkout-api-2', container: 'proxy', text: 'two' },
      );
      await within(logOutput()).findByText('two');

      fireEvent.click(screen.getByRole('button', { name: 'Download' }));

      expect(saved).toEqual({
        href: 'blob:stagecraft-logs',
        download: 'checkout-api-staging.log',
      });
      expect(await createObjectURL.mock.calls[0][0].text()).toBe(
        '2025-01-10T12:00:00Z [checkout-api-1/app] one\n[checkout-api-2/proxy] two\n',
      );
      expect(revokeObjectURL).toHaveBeenCalledWith('blob:stagecraft-logs');
    });

    it('keeps only the newest 5,000 lines, and renders the newest 1,000 of them', async () => {
      const { logs } = renderLogs();
      await logs.opened();
      logs.send(
        ...Array.from({ length: 5100 }, (_, i) => ({ text: `line ${i}` })),
      );
      await within(logOutput()).findByText('line 5099');

      expect(logOutput()).toHaveTextContent(
        '4000 earlier lines are not shown here; download the log to read them.',
      );
      expect(
        within(logOutput()).queryByText('line 4099'),
      ).not.toBeInTheDocument();
      expect(within(logOutput()).getByText('line 4100')).toBeInTheDocument();

      fireEvent.click(screen.getByRole('button', { name: 'Download' }));
      const text: string = await createObjectURL.mock.calls.at(-1)![0].text();
      const lines = text.trimEnd().split('\n');
      expect(lines).toHaveLength(5000);
      expect(lines[0]).toBe('[checkout-api-1/app] line 100');
    });
  });

  it('closes the stream when the tab unmounts', async () => {
    const { logs, unmount } = renderLogs();
    await logs.opened();
    unmount();
    expect(logs.latest().close).toHaveBeenCalledTimes(1);
  });

  it('closes the stream and opens a new one when the pod, container or history changes', async () => {
    const { logs } = renderLogs();
    await logs.opened();

    select('Pod', 'checkout-api-2');
    select('Container', 'proxy');
    select('History', '1000');

    expect(logs.streams.map(s => s.options)).toEqual([
      { tailLines: 100, timestamps: true },
      { pod: 'checkout-api-2', tailLines: 100, timestamps: true },
      {
        pod: 'checkout-api-2',
        container: 'proxy',
        tailLines: 100,
        timestamps: true,
      },
      {
        pod: 'checkout-api-2',
        container: 'proxy',
        tailLines: 1000,
        timestamps: true,
      },
    ]);
    expect(logs.streams.map(s => s.close.mock.calls.length)).toEqual([
      1, 1, 1, 0,
    ]);
  });

  it('starts a fresh buffer when the source changes', async () => {
    const { logs } = renderLogs();
    await logs.opened();
    logs.send({ text: 'from all pods' });
    await within(logOutput()).findByText('from all pods');

    select('Pod', 'checkout-api-1');

    expect(logOutput()).not.toHaveTextContent('from all pods');
  });

  it('closes the stream when the environment changes', async () => {
    const { logs } = renderLogs();
    await logs.opened();

    select('Environment', 'production');

    await logs.opened(2);
    expect(
      logs.streams.map(s => [s.environment, s.close.mock.calls.length]),
    ).toEqual([
      ['staging', 1],
      ['production', 0],
    ]);
  });

  it('shows a stream error and retries with a new stream', async () => {
    const { logs } = renderLogs();
    await logs.opened();

    act(() => logs.latest().handlers.onError!(new Error('pod not found')));

    expect(
      screen.getByText('The log stream failed: pod not found'),
    ).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));

    expect(logs.streams).toHaveLength(2);
    expect(logs.streams[0].close).toHaveBeenCalled();
    expect(
      screen.getByRole('status', { name: 'Log stream' }),
    ).toHaveTextContent('Connecting…');
  });

  it('says when the stream has ended and offers to reconnect', async () => {
    const { logs } = renderLogs();
    await logs.opened();

    act(() => logs.latest().handlers.onEnd!());

    expect(
      screen.getByRole('status', { name: 'Log stream' }),
    ).toHaveTextContent('Stream ended');
    expect(logOutput()).toHaveTextContent(
      'The stream ended without any log lines.',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Reconnect' }));
    expect(logs.streams).toHaveLength(2);
  });

  it('follows new lines at the bottom unless the user has scrolled up', async () => {
    const { logs } = renderLogs();
    await logs.opened();
    const output = logOutput();
    let scrollTop = 0;
    Object.defineProperties(output, {
      scrollHeight: { configurable: true, get: () => 1000 },
      clientHeight: { configurable: true, get: () => 200 },
      scrollTop: {
        configurable: true,
        get: () => scrollTop,
        set: (value: number) => {
          scrollTop = value;
        },
      },
    });

    logs.send({ text: 'first' });
    await within(output).findByText('first');
    expect(scrollTop).toBe(1000);

    scrollTop = 300;
    fireEvent.scroll(output);
    logs.send({ text: 'second' });
    await within(output).findByText('second');
    expect(scrollTop).toBe(300);

    fireEvent.click(screen.getByRole('button', { name: 'Jump to latest' }));
    expect(scrollTop).toBe(1000);
  });

  it('asks the backend for the component it is on', async () => {
    const { api, logs } = renderLogs();
    await logs.opened();
    expect(api.getRuntime).toHaveBeenCalledWith(componentRef, 'staging');
    expect(api.streamLogs).toHaveBeenCalledWith(
      componentRef,
      'staging',
      { tailLines: 100, timestamps: true },
      expect.objectContaining({ onLine: expect.any(Function) }),
    );
  });
});
