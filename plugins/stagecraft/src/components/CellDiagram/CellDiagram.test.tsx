import { fireEvent, screen, within } from '@testing-library/react';
import { deployment } from '../graph/__fixtures__/exampleCatalog';
import {
  catalogEntity,
  LAYOUT_WAIT,
  renderGraphView,
  stubResizeObserver,
} from '../graph/__testUtils__/renderGraphView';
import { CellDiagram } from './CellDiagram';

stubResizeObserver();

describe('CellDiagram', () => {
  it('shows a spinner while the cell loads', async () => {
    renderGraphView(<CellDiagram />, {
      entity: catalogEntity('system:default/payments'),
      catalog: { getEntitiesByRefs: () => new Promise(() => {}) },
    });
    expect(
      await screen.findByRole('progressbar', {
        name: 'Loading the dependency graph',
      }),
    ).toBeInTheDocument();
  });

  it('shows the error when the catalog fails', async () => {
    renderGraphView(<CellDiagram />, {
      entity: catalogEntity('system:default/payments'),
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

  it('explains how components join a project without any', async () => {
    renderGraphView(<CellDiagram />, {
      entity: {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'System',
        metadata: { name: 'search', namespace: 'default' },
        spec: { owner: 'team' },
      },
    });
    expect(
      await screen.findByText(/Project search has no components yet/),
    ).toBeInTheDocument();
    expect(screen.getByText('spec.system: search')).toBeInTheDocument();
  });

  it('draws the project as a cell, with gateways and the other projects outside', async () => {
    renderGraphView(<CellDiagram />, {
      entity: catalogEntity('system:default/payments'),
    });
    const cell = await screen.findByRole(
      'application',
      {
        name: 'Cell of project payments',
      },
      LAYOUT_WAIT,
    );
    const nodes = within(cell)
      .getAllByRole('group')
      .map(node => node.getAttribute('aria-label'));
    expect(nodes.sort()).toEqual([
      'Component checkout-api',
      'Component fraud-screening',
      'Component orders-api',
      'Component payment-ledger',
      'Component refund-worker',
      'Component storefront-web',
      'Endpoint checkout-http, http port 8080, organization visibility',
      'Endpoint fraud-grpc, grpc port 9090, project visibility',
      'Endpoint ledger-http, http port 8080, project visibility',
      'Endpoint orders-http, http port 8080, organization visibility',
      'Internal gateway',
      'Project fulfilment',
      'Project payments (this cell)',
      'Project storefront',
    ]);
    expect(
      within(cell).getByRole('img', {
        name: 'Internal gateway routes traffic to checkout-http',
      }),
    ).toHaveClass('animated');
    expect(
      within(cell).getByRole('img', {
        name: 'refund-worker depends on ledger-http: traffic permitted',
      }),
    ).toBeInTheDocument();
    expect(
      within(cell).getByRole('img', {
        name: 'checkout-api depends on orders-http: traffic permitted across projects',
      }),
    ).toHaveClass('stagecraft-edge-crossProject');
    expect(
      within(cell).getByRole('link', { name: 'payments' }),
    ).toHaveAttribute('href', '/catalog/default/system/payments');
  });

  it('opens the entity page of a clicked project, but not of a gateway', async () => {
    renderGraphView(<CellDiagram />, {
      entity: catalogEntity('system:default/payments'),
    });
    const location = () =>
      screen.getByRole('status', { name: 'Current location' });
    fireEvent.click(
      await screen.findByRole(
        'group',
        { name: 'Internal gateway' },
        LAYOUT_WAIT,
      ),
    );
    expect(location()).toHaveTextContent(/^\/$/);
    fireEvent.click(screen.getByRole('group', { name: 'Project fulfilment' }));
    expect(location()).toHaveTextContent('/catalog/default/system/fulfilment');
  });

  it('loads the deployments of every deployable component in view', async () => {
    const { api } = renderGraphView(<CellDiagram />, {
      entity: catalogEntity('system:default/fulfilment'),
      deployments: {
        'component:default/warehouse-sync': [
          deployment('warehouse-sync', 'dev', { state: 'failed' }),
        ],
      },
    });
    expect(
      await screen.findByRole(
        'group',
        {
          name: 'Component warehouse-sync: Failed in dev',
        },
        LAYOUT_WAIT,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('group', {
        name: 'Component legacy-inventory: Not deployed by Stagecraft',
      }),
    ).toBeInTheDocument();
    expect(api.listDeployments.mock.calls.map(([ref]) => ref).sort()).toEqual([
      'component:default/checkout-api',
      'component:default/orders-api',
      'component:default/warehouse-sync',
    ]);
  });
});
