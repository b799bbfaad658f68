import type { DriftRecord } from '@stagecraft/plugin-stagecraft-common';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { StagecraftApi } from '../../api/StagecraftApi';
import { defaultPipeline } from '../Deploy/__testUtils__/deployFixtures';
import { renderWithEntity } from './__testUtils__/renderWithEntity';
import {
  componentRef,
  deployment,
  pod,
  snapshot,
} from './__testUtils__/runtimeFixtures';
import { RuntimeContent } from './RuntimeContent';

const drift: DriftRecord = {
  objectRef: 'apps/v1 Deployment checkout-dev/checkout-api',
  field: 'spec.replicas',
  oldValue: '2',
  newValue: '5',
  detectedAt: new Date(Date.now() - 10 * 60 * 1000).toISOString(),
  correctedAt: new Date(Date.now() - 9 * 60 * 1000).toISOString(),
};

/** A backend where the component runs in `staging` (and has an undeployed `dev` record). */
function deployedApi(
  overrides: Partial<StagecraftApi> = {},
): Partial<StagecraftApi> {
  return {
    listDeployments: async () => [
      deployment('dev', 'undeployed'),
      deployment('staging'),
      deployment('production'),
    ],
    getRuntime: async (_ref, environment) => snapshot(environment),
    listDrift: async () => [],
    listLinks: async () => [],
    ...overrides,
  };
}

const render = (api: Partial<StagecraftApi>, refreshIntervalMs?: number) =>
  renderWithEntity(
    <RuntimeContent refreshIntervalMs={refreshIntervalMs} />,
    api,
  );

describe('RuntimeContent', () => {
  afterEach(() => jest.useRealTimers());

  it('shows progress while the deployments load', async () => {
    render({ listDeployments: () => new Promise(() => {}) });
    expect(
      await screen.findByRole('progressbar', { name: 'Loading runtime' }),
    ).toBeInTheDocument();
  });

  it('says so when the component is deployed nowhere', async () => {
    render({ listDeployments: async () => [] });
    expect(
      await screen.findByText(/not deployed to any environment yet/),
    ).toBeInTheDocument();
  });

  it('shows the error when the deployments cannot be loaded', async () => {
    render({
      listDeployments: async () => {
        throw new Error('permission denied');
      },
    });
    expect(
      await screen.findByText(
        /Could not load the deployments of this component: permission denied/,
      ),
    ).toBeInTheDocument();
  });

  it('opens on the first environment the component is deployed to', async () => {
    const { api } = render(deployedApi());
    expect(
      await screen.findByRole('combobox', { name: 'Environment' }),
    ).toHaveValue('staging');
    await screen.findByRole('table', { name: 'Pods' });
    expect(api.getRuntime).toHaveBeenCalledWith(componentRef, 'staging');
    expect(api.listDrift).toHaveBeenCalledWith(componentRef, 'staging');
    expect(api.listLinks).toHaveBeenCalledWith(componentRef, 'staging');
  });

  it('shows pods with status, restarts, node, last termination, owners and usage', async () => {
    render(
      deployedApi({
        getRuntime: async (_ref, environment) =>
          snapshot(environment, {
            pods: [
              pod('checkout-api-7d9f-abcde', {
                ready: false,
                restarts: 4,
                node: 'node-b',
                containers: [
                  {
                    name: 'app',
                    image: 'registry.local/checkout-api:1.4.0',
                    ready: false,
                    restarts: 4,
                    state: 'waiting',
                    stateReason: 'CrashLoopBackOff',
                    lastTermination: { reason: 'OOMKilled', exitCode: 137 },
                  },
                ],
                usage: { cpuMillicores: 120, memoryBytes: 64 * 1024 * 1024 },
              }),
            ],
            usage: { cpuMillicores: 120, memoryBytes: 64 * 1024 * 1024 },
          }),
      }),
    );
    const table = await screen.findByRole('table', { name: 'Pods' });
    const [, row] = within(table).getAllByRole('row');
    expect(
      within(row)
        .getAllByRole('cell')
        .map(cell => cell.textContent),
    ).toEqual([
      'checkout-api-7d9f-abcde',
      'CrashLoopBackOff',
      '4',
      '3h',
      'node-b',
      'OOMKilled (exit 137)',
      'ReplicaSet checkout-api-7d9f ← Deployment checkout-api',
      '120m',
      '64 MiB',
    ]);
    expect(screen.getByText('CPU 120m · Memory 64 MiB')).toBeInTheDocument();
  });

  it('leaves out the usage columns and says why when metrics are not served', async () => {
    render(deployedApi());
    const table = await screen.findByRole('table', { name: 'Pods' });
    expect(
      within(table).queryByRole('columnheader', { name: 'CPU' }),
    ).not.toBeInTheDocument();
    expect(screen.getByText(/Metrics not available/)).toBeInTheDocument();
  });

  it('lists recent events newest first, repeats grouped, older ones behind a button', async () => {
    const ago = (minutes: number) =>
      new Date(Date.now() - minutes * 60 * 1000).toISOString();
    const hpa = 'HorizontalPodAutoscaler checkout-api';
    render(
      deployedApi({
        getRuntime: async (_ref, environment) =>
          snapshot(environment, {
            events: [
              {
                type: 'Normal',
                reason: 'Scheduled',
                message: 'Successfully assigned checkout-dev/web to node-a',
                object: 'Pod checkout-api-7d9f-abcde',
                count: 1,
                lastSeen: ago(3),
              },
              {
                type: 'Warning',
                reason: 'BackOff',
                message: 'Back-off restarting failed container',
                object: 'Pod checkout-api-7d9f-abcde',
                count: 12,
                lastSeen: ago(2),
              },
              // The same autoscaler warning as two Event objects: one row, counts added.
              {
                type: 'Warning',
                reason: 'FailedGetResourceMetric',
                message: 'unable to get metrics (old)',
                object: hpa,
                count: 5,
                lastSeen: ago(40),
              },
              {
                type: 'Warning',
                reason: 'FailedGetResourceMetric',
                message: 'unable to get metrics',
                object: hpa,
                count: 3,
                lastSeen: ago(30),
              },
            ],
          }),
      }),
    );
    const table = await screen.findByRole('table', { name: 'Events' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map(row => row.textContent)).toEqual([
      'WarningBackOffBack-off restarting failed containerPod checkout-api-7d9f-abcde122 minutes ago',
      'NormalScheduledSuccessfully assigned checkout-dev/web to node-aPod checkout-api-7d9f-abcde13 minutes ago',
    ]);
    // The autoscaler warning last seen half an hour ago is not shown as current.
    expect(
      screen.queryByRole('table', { name: 'Older events' }),
    ).not.toBeInTheDocument();
    fireEvent.click(
      screen.getByRole('button', {
        name: 'Show 1 older event (not seen for 10 minutes)',
      }),
    );
    const older = screen.getByRole('table', { name: 'Older events' });
    expect(
      within(older)
        .getAllByRole('row')
        .slice(1)
        .map(row => row.textContent),
    ).toEqual([
      `WarningFailedGetResourceMetricunable to get metrics${hpa}830 minutes ago`,
    ]);
  });

  it('orders the environment picker by the pipeline, not alphabetically', async () => {
    // The API lists them alphabetically; the pipeline is dev → staging → prod.
    const api = deployedApi({
      listDeployments: async () => [
        deployment('dev'),
        deployment('prod'),
        deployment('staging'),
      ],
    });
    renderWithEntity(<RuntimeContent />, api, {
      catalogEntities: [defaultPipeline],
    });
    const picker = await screen.findByRole('combobox', { name: 'Environment' });
    expect(
      within(picker)
        .getAllByRole('option')
        .map(option => option.textContent),
    ).toEqual(['dev', 'staging', 'prod']);
  });

  it('says when there are no pods and no events', async () => {
    render(
      deployedApi({
        getRuntime: async (_ref, environment) =>
          snapshot(environment, { pods: [], events: [] }),
      }),
    );
    expect(
      await screen.findByText('No pods are running in this environment.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No recent events for this deployment.'),
    ).toBeInTheDocument();
  });

  it('explains why runtime state is missing for a GitOps target', async () => {
    render(
      deployedApi({
        getRuntime: async (_ref, environment) =>
          snapshot(environment, {
            available: false,
            reason:
              'Target "fleet" is a GitOps repository; Argo CD or Flux runs the objects.',
            pods: [],
          }),
      }),
    );
    expect(
      await screen.findByText(
        /Runtime state is not available for this environment. Target "fleet" is a GitOps repository/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('table', { name: 'Pods' }),
    ).not.toBeInTheDocument();
  });

  it('shows the error when the runtime cannot be loaded', async () => {
    render(
      deployedApi({
        getRuntime: async () => {
          throw new Error('cluster unreachable');
        },
      }),
    );
    expect(
      await screen.findByText(
        /Could not load what runs in this environment: cluster unreachable/,
      ),
    ).toBeInTheDocument();
  });

  it('shows the drift history with old and new values', async () => {
    render(deployedApi({ listDrift: async () => [drift] }));
    const table = await screen.findByRole('table', { name: 'Drift history' });
    const [, row] = within(table).getAllByRole('row');
    expect(
      within(row)
        .getAllByRole('cell')
        .map(cell => cell.textContent),
    ).toEqual([
      'apps/v1 Deployment checkout-dev/checkout-api',
      'spec.replicas',
      '2 → 5',
      '10 minutes ago',
      '9 minutes ago',
    ]);
  });

  it('says when no drift was recorded', async () => {
    render(deployedApi());
    expect(await screen.findByText(/No drift recorded/)).toBeInTheDocument();
  });

  it('shows the error when the drift history cannot be loaded', async () => {
    render(
      deployedApi({
        listDrift: async () => {
          throw new Error('database down');
        },
      }),
    );
    expect(
      await screen.findByText(
        /Could not load the drift history: database down/,
      ),
    ).toBeInTheDocument();
  });

  it('offers the observability links as buttons', async () => {
    render(
      deployedApi({
        listLinks: async () => [
          { title: 'Grafana', url: 'https://grafana.example.com/d/checkout' },
        ],
      }),
    );
    expect(
      await screen.findByRole('link', { name: 'Grafana' }),
    ).toHaveAttribute('href', 'https://grafana.example.com/d/checkout');
  });

  it('loads the runtime of the environment the user picks', async () => {
    const { api } = render(
      deployedApi({
        getRuntime: async (_ref, environment) =>
          snapshot(environment, { pods: [pod(`checkout-api-${environment}`)] }),
      }),
    );
    expect(await screen.findByText('checkout-api-staging')).toBeInTheDocument();

    fireEvent.change(screen.getByRole('combobox', { name: 'Environment' }), {
      target: { value: 'production' },
    });

    expect(
      await screen.findByText('checkout-api-production'),
    ).toBeInTheDocument();
    expect(screen.queryByText('checkout-api-staging')).not.toBeInTheDocument();
    expect(api.getRuntime).toHaveBeenLastCalledWith(componentRef, 'production');
  });

  it('polls at the refresh interval and on the refresh button', async () => {
    jest.useFakeTimers();
    let restarts = 0;
    const { api } = render(
      deployedApi({
        getRuntime: async (_ref, environment) =>
          snapshot(environment, {
            pods: [pod('checkout-api-7d9f-abcde', { restarts: restarts++ })],
          }),
      }),
      5000,
    );
    const table = await screen.findByRole('table', { name: 'Pods' });
    const restartsCell = () => within(table).getAllByRole('cell')[2];
    expect(restartsCell()).toHaveTextContent('0');

    await act(async () => {
      jest.advanceTimersByTime(5000);
    });
    expect(restartsCell()).toHaveTextContent('1');
    expect(api.listDrift).toHaveBeenCalledTimes(2);

    fireEvent.click(screen.getByRole('button', { name: 'Refresh runtime' }));
    await act(async () => {});
    expect(restartsCell()).toHaveTextContent('2');
    expect(api.getRuntime).toHaveBeenCalledTimes(3);
  });

  it('keeps the last state and warns when a refresh fails', async () => {
    let fail = false;
    render(
      deployedApi({
        getRuntime: async (_ref, environment) => {
          if (fail) throw new Error('timeout');
          return snapshot(environment);
        },
      }),
    );
    await screen.findByRole('table', { name: 'Pods' });

    fail = true;
    fireEvent.click(screen.getByRole('button', { name: 'Refresh runtime' }));

    expect(
      await screen.findByText(
        /Could not refresh; showing the last state that loaded. timeout/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'Pods' })).toBeInTheDocument();
  });
});
