import { screen, within } from '@testing-library/react';
import { deployment } from '../Deploy/__testUtils__/deployFixtures';
import { renderEntityView } from '../Deploy/__testUtils__/renderDeployView';
import { DeploymentsOverviewCard } from './DeploymentsOverviewCard';

jest.setTimeout(30_000); // see DeployTab.test.tsx

const quiet = {
  listApprovals: async () => [],
  listHistory: async () => [],
  // Usage at a glance has its own tests (Usage/UsageGlance.test.tsx).
  getUsage: () => new Promise<never>(() => {}),
};

describe('DeploymentsOverviewCard', () => {
  it('shows a spinner while deployments load', async () => {
    renderEntityView(<DeploymentsOverviewCard />, {
      listDeployments: () => new Promise(() => {}),
    });
    expect(
      await screen.findByRole('progressbar', { name: 'Loading deployments' }),
    ).toBeInTheDocument();
  });

  it('says why deployments cannot be loaded', async () => {
    renderEntityView(<DeploymentsOverviewCard />, {
      listDeployments: async () => {
        throw new Error('forbidden');
      },
    });
    expect(
      await screen.findByText('Could not load deployments: forbidden'),
    ).toBeInTheDocument();
  });

  it('says when the component runs nowhere', async () => {
    renderEntityView(
      <DeploymentsOverviewCard />,
      { listDeployments: async () => [] },
      {
        entities: [],
      },
    );
    expect(
      await screen.findByText('Not deployed to any environment yet.'),
    ).toBeInTheDocument();
  });

  it('lists each environment in pipeline order with its state, linking to the Deploy tab', async () => {
    renderEntityView(<DeploymentsOverviewCard />, {
      ...quiet,
      listDeployments: async () => [
        deployment('staging', {
          sync: { state: 'progressing', reason: 'rolling out' },
          replicas: { desired: 3, ready: 1, updated: 3 },
        }),
        deployment('dev'),
      ],
    });
    const list = await screen.findByRole('list', { name: 'Environments' });
    const items = within(list).getAllByRole('link');
    expect(items.map(item => item.textContent)).toEqual([
      'dev2 of 2 readySynced',
      'staging1 of 3 readyProgressing',
      'prodNot deployed yet',
    ]);
    for (const item of items)
      expect(item).toHaveAttribute(
        'href',
        '/catalog/default/component/checkout-api/stagecraft-deploy',
      );
    expect(screen.getByRole('link', { name: 'Deploy tab' })).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout-api/stagecraft-deploy',
    );
  });
});
