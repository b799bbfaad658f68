import { act, screen, waitFor, within } from '@testing-library/react';
import type { DeploymentStatus } from '@stagecraft/plugin-stagecraft-common';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { DeployTab } from './DeployTab';
import {
  approval,
  checkoutApi,
  deployment,
  environments,
  RELEASE_1,
  RELEASE_3,
} from './__testUtils__/deployFixtures';
import { renderEntityView } from './__testUtils__/renderDeployView';
import {
  DEPLOYMENT_POLL_INTERVAL_MS,
  SETTLED_POLL_INTERVAL_MS,
} from './usePolledDeployments';

const quiet = { listApprovals: async () => [], listHistory: async () => [] };

const card = (environment: string) =>
  screen.getByLabelText(`${environment} environment`);

// A whole test app with MUI dialogs and transitions takes seconds per test on a busy machine;
// jest's 5 s default then fails tests that are merely slow.
jest.setTimeout(30_000);

describe('DeployTab', () => {
  it('shows a spinner while deployments load', async () => {
    renderEntityView(<DeployTab />, {
      ...quiet,
      listDeployments: () => new Promise(() => {}),
    });
    expect(
      await screen.findByRole('progressbar', { name: 'Loading deployments' }),
    ).toBeInTheDocument();
  });

  it('says why when deployments cannot be loaded', async () => {
    renderEntityView(<DeployTab />, {
      ...quiet,
      listDeployments: async () => {
        throw new Error('backend unavailable');
      },
    });
    expect(
      await screen.findByText(
        'Could not load deployments: backend unavailable',
      ),
    ).toBeInTheDocument();
  });

  it('shows the pipeline stages the component has not reached yet', async () => {
    renderEntityView(<DeployTab />, {
      ...quiet,
      listDeployments: async () => [],
    });
    expect(
      await screen.findByText('Pipeline default: dev → staging → prod'),
    ).toBeInTheDocument();
    for (const env of ['dev', 'staging', 'prod'])
      expect(
        within(card(env)).getByText('Not deployed here yet.'),
      ).toBeInTheDocument();
  });

  it('explains that nothing deploys automatically without a pipeline', async () => {
    renderEntityView(
      <DeployTab />,
      { ...quiet, listDeployments: async () => [] },
      { entities: [checkoutApi, ...environments] },
    );
    expect(
      await screen.findByText(
        /Not deployed to any environment yet\. No deployment pipeline applies/,
      ),
    ).toBeInTheDocument();
  });

  it('orders the environment cards by the pipeline, not by the API', async () => {
    renderEntityView(<DeployTab />, {
      ...quiet,
      listDeployments: async () => [
        deployment('prod'),
        deployment('dev'),
        deployment('staging'),
      ],
    });
    const headings = await screen.findAllByRole('heading', { level: 3 });
    expect(headings.map(h => h.textContent)).toEqual([
      'dev',
      'staging',
      'prod',
    ]);
  });

  it('keeps the API order, after the pipeline stages, for environments outside the pipeline', async () => {
    renderEntityView(
      <DeployTab />,
      {
        ...quiet,
        listDeployments: async () => [deployment('qa'), deployment('perf')],
      },
      { entities: [checkoutApi, ...environments] },
    );
    const headings = await screen.findAllByRole('heading', { level: 3 });
    expect(headings.map(h => h.textContent)).toEqual(['qa', 'perf']);
  });

  it('follows the pipeline named by the component annotation', async () => {
    const hotfix = {
      apiVersion: 'stagecraft.dev/v1alpha1',
      kind: 'DeploymentPipeline',
      metadata: { name: 'hotfix', namespace: 'default' },
      spec: { stages: [{ environment: 'staging' }, { environment: 'dev' }] },
    };
    const annotated = {
      ...checkoutApi,
      metadata: {
        ...checkoutApi.metadata,
        annotations: { 'stagecraft.dev/pipeline': 'hotfix' },
      },
    };
    renderEntityView(
      <DeployTab />,
      {
        ...quiet,
        listDeployments: async () => [deployment('dev'), deployment('staging')],
      },
      { entity: annotated, entities: [annotated, hotfix, ...environments] },
    );
    const headings = await screen.findAllByRole('heading', { level: 3 });
    expect(headings.map(h => h.textContent)).toEqual(['staging', 'dev']);
  });

  it('shows what runs in each environment', async () => {
    renderEntityView(<DeployTab />, {
      ...quiet,
      listDeployments: async () => [
        deployment('dev', {
          sync: {
            state: 'progressing',
            reason: 'Waiting for rollout: 1 of 2 replicas ready',
          },
          replicas: { desired: 2, ready: 1, updated: 2 },
          pendingConnections: [
            {
              consumerRef: 'component:default/checkout-api',
              endpointRef: 'endpoint:default/payments-api',
              providerRef: 'component:default/payments',
              environment: 'dev',
              message:
                'component:default/checkout-api → endpoint:default/payments-api: component:default/payments is not deployed in dev yet; the connection opens when it is',
            },
          ],
        }),
      ],
    });
    const dev = await screen.findByLabelText('dev environment');
    expect(within(dev).getByText('Progressing')).toBeInTheDocument();
    expect(
      within(dev).getByText('Waiting for rollout: 1 of 2 replicas ready'),
    ).toBeInTheDocument();
    expect(within(dev).getByText('2222222222bb')).toBeInTheDocument();
    expect(
      within(dev).getByText('registry.local/checkout-api:1.5.0'),
    ).toBeInTheDocument();
    expect(within(dev).getByText('1 of 2 ready')).toBeInTheDocument();
    expect(
      within(dev).getByRole('link', {
        name: 'https://checkout.dev.example.com',
      }),
    ).toHaveAttribute('href', 'https://checkout.dev.example.com');
    // Each pending connection is a chip linking the endpoint and its provider by name.
    const waiting = within(dev).getByRole('list');
    expect(
      within(waiting).getByRole('link', { name: 'payments-api' }),
    ).toHaveAttribute('href', '/catalog/default/endpoint/payments-api');
    expect(
      within(waiting).getByRole('link', { name: 'payments' }),
    ).toHaveAttribute('href', '/catalog/default/component/payments');
    expect(within(waiting).getByRole('listitem')).toHaveTextContent(
      'payments-api (served by payments, not deployed here yet)',
    );
    expect(within(dev).getByText(/by user:default\/ada/)).toBeInTheDocument();
    expect(within(dev).getByText('5 minutes ago')).toBeInTheDocument();
  });

  it('marks production environments and the stages that need approval', async () => {
    renderEntityView(<DeployTab />, {
      ...quiet,
      listDeployments: async () => [deployment('prod')],
    });
    const prod = await screen.findByLabelText('prod environment');
    expect(within(prod).getByText('Production')).toBeInTheDocument();
    expect(
      within(prod).getByText('Promotions into prod need an approval.'),
    ).toBeInTheDocument();
    expect(
      within(card('dev')).queryByText('Production'),
    ).not.toBeInTheDocument();
  });

  it('shows pending approvals on the environment they would deploy to', async () => {
    renderEntityView(<DeployTab />, {
      ...quiet,
      listDeployments: async () => [deployment('staging')],
      listApprovals: async () => [
        approval(),
        approval({ id: 8, state: 'denied' }),
      ],
    });
    const pending = await within(
      await screen.findByLabelText('prod environment'),
    ).findAllByRole('group', { name: 'Pending approval' });
    expect(pending).toHaveLength(1);
    expect(pending[0]).toHaveTextContent(
      'Release 2222222222bb from staging waits for approval, requested by user:default/ada',
    );
  });

  it('keeps the cards, in the API order, when the pipeline cannot be read', async () => {
    renderEntityView(
      <DeployTab />,
      {
        ...quiet,
        listDeployments: async () => [deployment('staging'), deployment('dev')],
      },
      {
        catalogApi: catalogApiMock.mock({
          getEntityByRef: async () => {
            throw new Error('catalog down');
          },
          getEntities: async () => ({ items: [] }),
        }),
      },
    );
    expect(
      await screen.findByText(
        /Could not read the pipeline from the catalog.*: catalog down/,
      ),
    ).toBeInTheDocument();
    const headings = screen.getAllByRole('heading', { level: 3 });
    expect(headings.map(h => h.textContent)).toEqual(['staging', 'dev']);
  });
});

describe('DeployTab polling', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => {
    jest.useRealTimers();
    // Back to jsdom's own (always visible), without an event the mounted page would answer.
    delete (document as { visibilityState?: unknown }).visibilityState;
  });

  /** jsdom's page is always visible; this makes it hidden or shown, as a browser tab switch does. */
  function setHidden(hidden: boolean) {
    Object.defineProperty(document, 'visibilityState', {
      configurable: true,
      get: () => (hidden ? 'hidden' : 'visible'),
    });
    document.dispatchEvent(new Event('visibilitychange'));
  }
  const wait = (ms: number) =>
    act(async () => {
      jest.advanceTimersByTime(ms);
    });

  it('re-reads deployments often while one converges, and less often once all are synced', async () => {
    const states: DeploymentStatus['sync']['state'][] = [
      'progressing',
      'synced',
      'drifted',
    ];
    const listDeployments = jest.fn(async () => [
      deployment('dev', {
        sync: { state: states.shift() ?? 'synced', reason: '' },
      }),
    ]);
    renderEntityView(<DeployTab />, { ...quiet, listDeployments });
    expect(await screen.findByText('Progressing')).toBeInTheDocument();

    await wait(DEPLOYMENT_POLL_INTERVAL_MS);
    expect(await screen.findByText('Synced')).toBeInTheDocument();
    expect(listDeployments).toHaveBeenCalledTimes(2);

    await wait(DEPLOYMENT_POLL_INTERVAL_MS);
    expect(listDeployments).toHaveBeenCalledTimes(2);
    await wait(SETTLED_POLL_INTERVAL_MS - DEPLOYMENT_POLL_INTERVAL_MS);
    expect(listDeployments).toHaveBeenCalledTimes(3);
    expect(await screen.findByText('Drifted')).toBeInTheDocument();
  });

  it('shows a release made elsewhere (a catalog edit) on a settled, open tab, with its history', async () => {
    let running = { releaseId: RELEASE_1, generation: 1 };
    const listDeployments = jest.fn(async () => [
      deployment('dev', {
        ...running,
        sync: {
          state: running.releaseId === RELEASE_1 ? 'synced' : 'pending',
          reason: '',
        },
      }),
    ]);
    const listHistory = jest.fn(async () => []);
    renderEntityView(<DeployTab />, {
      ...quiet,
      listDeployments,
      listHistory,
    });
    expect(
      await within(await screen.findByLabelText('dev environment')).findByText(
        'Synced',
      ),
    ).toBeInTheDocument();
    expect(within(card('dev')).getByText('1111111111aa')).toBeInTheDocument();
    expect(listHistory).toHaveBeenCalledTimes(1);

    // The catalog trigger released the edit; nothing on this page asked for it.
    running = { releaseId: RELEASE_3, generation: 2 };
    await wait(SETTLED_POLL_INTERVAL_MS);
    expect(
      await within(card('dev')).findByText('3333333333cc'),
    ).toBeInTheDocument();
    expect(within(card('dev')).getByText('Pending')).toBeInTheDocument();
    expect(within(card('dev')).queryByText('Synced')).not.toBeInTheDocument();
    await waitFor(() => expect(listHistory).toHaveBeenCalledTimes(2));
  });

  it('does not re-read a hidden page, and re-reads it as soon as it is shown', async () => {
    let state: DeploymentStatus['sync']['state'] = 'synced';
    const listDeployments = jest.fn(async () => [
      deployment('dev', { sync: { state, reason: '' } }),
    ]);
    renderEntityView(<DeployTab />, { ...quiet, listDeployments });
    expect(await screen.findByText('Synced')).toBeInTheDocument();
    expect(listDeployments).toHaveBeenCalledTimes(1);

    setHidden(true);
    state = 'pending';
    await wait(10 * SETTLED_POLL_INTERVAL_MS);
    expect(listDeployments).toHaveBeenCalledTimes(1);

    await act(async () => setHidden(false));
    expect(listDeployments).toHaveBeenCalledTimes(2);
    expect(await screen.findByText('Pending')).toBeInTheDocument();
  });
});
