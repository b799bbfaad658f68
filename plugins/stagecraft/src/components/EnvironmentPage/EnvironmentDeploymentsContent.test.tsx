import type { Entity } from '@backstage/catalog-model';
import { screen, within } from '@testing-library/react';
import type { StagecraftApi } from '../../api/StagecraftApi';
import { deployment, RELEASE_1 } from '../Deploy/__testUtils__/deployFixtures';
import { renderEntityView } from '../Deploy/__testUtils__/renderDeployView';
import { EnvironmentDeploymentsContent } from './EnvironmentDeploymentsContent';

jest.setTimeout(30_000); // see DeployTab.test.tsx

const staging: Entity = {
  apiVersion: 'stagecraft.dev/v1alpha1',
  kind: 'Environment',
  metadata: { name: 'staging', namespace: 'default' },
  spec: { target: 'local', gateway: { internalHost: 'staging.internal' } },
};

const render = (methods: Partial<StagecraftApi>) =>
  renderEntityView(<EnvironmentDeploymentsContent />, methods, {
    entity: staging,
    entities: [staging],
  });

describe('EnvironmentDeploymentsContent', () => {
  it('shows a spinner while loading', async () => {
    render({ listEnvironmentDeployments: () => new Promise(() => {}) });
    expect(
      await screen.findByRole('progressbar', {
        name: 'Loading deployments in staging',
      }),
    ).toBeInTheDocument();
  });

  it('says why the deployments cannot be loaded', async () => {
    render({
      listEnvironmentDeployments: async () => {
        throw new Error('backend unavailable');
      },
    });
    expect(
      await screen.findByText(
        'Could not load the deployments in staging: backend unavailable',
      ),
    ).toBeInTheDocument();
  });

  it('says when nothing runs in the environment', async () => {
    render({ listEnvironmentDeployments: async () => [] });
    expect(
      await screen.findByText('Nothing is deployed in staging yet.'),
    ).toBeInTheDocument();
  });

  it('lists what runs in the environment, each component linking to its page', async () => {
    const { api } = render({
      listEnvironmentDeployments: async () => [
        deployment('staging'),
        deployment('staging', {
          componentRef: 'component:default/payments-api',
          releaseId: RELEASE_1,
          image: undefined,
          replicas: undefined,
          sync: { state: 'failed', reason: 'image pull failed' },
          updatedBy: 'user:default/grace',
        }),
      ],
    });
    const table = await screen.findByRole('table', {
      name: 'Deployments in staging',
    });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map(r =>
        within(r)
          .getAllByRole('cell')
          .map(c => c.textContent),
      ),
    ).toEqual([
      [
        'checkout-api',
        '2222222222bb',
        'registry.local/checkout-api:1.5.0',
        'Synced',
        '2 of 2 ready',
        'by user:default/ada, 5 minutes ago',
      ],
      [
        'payments-api',
        '1111111111aa',
        '—',
        'Failed',
        '—',
        'by user:default/grace, 5 minutes ago',
      ],
    ]);
    expect(
      within(rows[1]).getByRole('link', { name: 'payments-api' }),
    ).toHaveAttribute('href', '/catalog/default/component/payments-api');
    expect(api.listEnvironmentDeployments).toHaveBeenCalledWith('staging');
  });
});
