import { fireEvent, screen, within } from '@testing-library/react';
import {
  deployment,
  pendingConnection,
} from '../graph/__fixtures__/exampleCatalog';
import {
  catalogEntity,
  LAYOUT_WAIT,
  renderGraphView,
  stubResizeObserver,
} from '../graph/__testUtils__/renderGraphView';
import { DependenciesTab } from './DependenciesTab';

stubResizeObserver();

const checkoutApi = catalogEntity('component:default/checkout-api');

describe('DependenciesTab', () => {
  it('shows a spinner while the graph loads', async () => {
    renderGraphView(<DependenciesTab />, {
      entity: checkoutApi,
      catalog: { getEntitiesByRefs: () => new Promise(() => {}) },
    });
    expect(
      await screen.findByRole('progressbar', {
        name: 'Loading the dependency graph',
      }),
    ).toBeInTheDocument();
  });

  it('shows the error when the catalog fails', async () => {
    renderGraphView(<DependenciesTab />, {
      entity: checkoutApi,
      catalog: {
        getEntitiesByRefs: async () => {
          throw new Error('catalog unavailable');
        },
      },
    });
    expect(
      await screen.findByText(
        'Could not load the dependency graph: catalog unavailable',
      ),
    ).toBeInTheDocument();
  });

  it('explains how to declare dependencies when there are none', async () => {
    renderGraphView(<DependenciesTab />, {
      entity: {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'lonely', namespace: 'default' },
        spec: { type: 'service', system: 'payments', deploy: { image: 'x:1' } },
      },
    });
    expect(
      await screen.findByText(/lonely serves no endpoints and depends on none/),
    ).toBeInTheDocument();
  });

  it('draws the component, its endpoint and dependants, and its dependencies', async () => {
    renderGraphView(<DependenciesTab />, { entity: checkoutApi });
    const graph = await screen.findByRole(
      'application',
      {
        name: 'Dependencies of checkout-api',
      },
      LAYOUT_WAIT,
    );
    const nodes = within(graph)
      .getAllByRole('group')
      .map(node => node.getAttribute('aria-label'));
    expect(nodes.sort()).toEqual([
      'Component checkout-api',
      'Component fraud-screening',
      'Component orders-api',
      'Component payment-ledger',
      'Component storefront-web',
      'Endpoint checkout-http, http port 8080, organization visibility',
      'Endpoint fraud-grpc, grpc port 9090, project visibility',
      'Endpoint ledger-http, http port 8080, project visibility',
      'Endpoint orders-http, http port 8080, organization visibility',
      'Project fulfilment',
      'Project payments',
      'Project storefront',
    ]);
    expect(
      within(graph).getByRole('img', {
        name: 'checkout-api depends on orders-http: traffic permitted across projects',
      }),
    ).toHaveClass('animated');
    expect(
      within(graph).getByRole('img', {
        name: 'checkout-api depends on ledger-http: traffic permitted',
      }),
    ).toHaveClass('animated');
    expect(
      within(graph).getByRole('img', {
        name: 'storefront-web depends on checkout-http: traffic permitted across projects',
      }),
    ).toBeInTheDocument();
    expect(
      within(graph).getByRole('img', {
        name: 'orders-http is served by orders-api',
      }),
    ).not.toHaveClass('animated');
  });

  it('says nothing is deployed yet when no component has deployments', async () => {
    renderGraphView(<DependenciesTab />, { entity: checkoutApi });
    expect(
      await screen.findByText(
        /None of these components is deployed yet/,
        undefined,
        LAYOUT_WAIT,
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('group', { name: 'Environment' }),
    ).not.toBeInTheDocument();
  });

  it("colours components by the chosen environment's sync state", async () => {
    const { api } = renderGraphView(<DependenciesTab />, {
      entity: checkoutApi,
      deployments: {
        'component:default/checkout-api': [
          deployment('checkout-api', 'dev'),
          deployment('checkout-api', 'production', {
            state: 'degraded',
            reason: '1 of 2 pods ready',
          }),
        ],
        'component:default/orders-api': [
          deployment('orders-api', 'dev', { state: 'progressing' }),
        ],
      },
    });
    expect(
      await screen.findByRole(
        'group',
        {
          name: 'Component checkout-api: Synced in dev',
        },
        LAYOUT_WAIT,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('group', {
        name: 'Component orders-api: Progressing in dev',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('group', {
        name: 'Component fraud-screening: Not deployed in dev',
      }),
    ).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'production' }));
    expect(
      await screen.findByRole('group', {
        name: 'Component checkout-api: Degraded in production',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('group', {
        name: 'Component orders-api: Not deployed in production',
      }),
    ).toBeInTheDocument();
    expect(api.listDeployments.mock.calls.map(([ref]) => ref).sort()).toEqual([
      'component:default/checkout-api',
      'component:default/fraud-screening',
      'component:default/orders-api',
      'component:default/payment-ledger',
      'component:default/storefront-web',
    ]);
  });

  it('marks pending connections in the environments that have them', async () => {
    renderGraphView(<DependenciesTab />, {
      entity: checkoutApi,
      deployments: {
        'component:default/checkout-api': [
          deployment('checkout-api', 'dev', {
            pendingConnections: [
              pendingConnection(
                'checkout-api',
                'orders-http',
                'orders-api',
                'dev',
              ),
            ],
          }),
          deployment('checkout-api', 'staging'),
        ],
      },
    });
    const pending = await screen.findByRole(
      'img',
      {
        name: 'checkout-api depends on orders-http: pending in dev, its provider is not deployed there yet',
      },
      LAYOUT_WAIT,
    );
    expect(pending).toHaveClass('stagecraft-edge-pending');
    expect(pending).not.toHaveClass('animated');
    expect(screen.getByText('Pending in dev')).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'staging' }));
    expect(
      await screen.findByRole('img', {
        name: 'checkout-api depends on orders-http: traffic permitted across projects',
      }),
    ).toBeInTheDocument();
    expect(screen.queryByText('Pending in dev')).not.toBeInTheDocument();
  });

  it('keeps the graph when some deployments cannot be loaded, and says whose', async () => {
    renderGraphView(<DependenciesTab />, {
      entity: checkoutApi,
      stagecraft: {
        listDeployments: async ref => {
          if (ref === 'component:default/orders-api') {
            throw new Error('Forbidden');
          }
          return ref === 'component:default/checkout-api'
            ? [deployment('checkout-api', 'dev')]
            : [];
        },
      },
    });
    expect(
      await screen.findByText(
        /could not be loaded, so their health is unknown/,
        undefined,
        LAYOUT_WAIT,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('orders-api: Forbidden')).toBeInTheDocument();
    expect(
      screen.getByRole('group', {
        name: 'Component orders-api: Health unknown in dev',
      }),
    ).toBeInTheDocument();
  });

  it('shows the legend for what is drawn', async () => {
    renderGraphView(<DependenciesTab />, { entity: checkoutApi });
    const legend = await screen.findByRole(
      'list',
      { name: 'Legend' },
      LAYOUT_WAIT,
    );
    expect(
      within(legend).getByText('Permitted traffic across projects'),
    ).toBeInTheDocument();
    expect(
      within(legend).getByText('Endpoint served by component'),
    ).toBeInTheDocument();
    expect(
      within(legend).queryByText(/Pending connection/),
    ).not.toBeInTheDocument();
    expect(
      within(legend).getByText(
        'Project endpoint: only components of its project',
      ),
    ).toBeInTheDocument();
  });

  it("opens a node's entity page when it is clicked", async () => {
    renderGraphView(<DependenciesTab />, { entity: checkoutApi });
    const node = await screen.findByRole(
      'group',
      {
        name: 'Component orders-api',
      },
      LAYOUT_WAIT,
    );
    expect(
      within(node).getByRole('link', { name: 'orders-api' }),
    ).toHaveAttribute('href', '/catalog/default/component/orders-api');
    fireEvent.click(node);
    expect(
      screen.getByRole('status', { name: 'Current location' }),
    ).toHaveTextContent('/catalog/default/component/orders-api');
  });
});
