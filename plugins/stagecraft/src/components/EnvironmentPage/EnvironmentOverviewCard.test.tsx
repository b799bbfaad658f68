import type { Entity } from '@backstage/catalog-model';
import { screen, within } from '@testing-library/react';
import type { StagecraftApi } from '../../api/StagecraftApi';
import { deployment } from '../Deploy/__testUtils__/deployFixtures';
import { renderEntityView } from '../Deploy/__testUtils__/renderDeployView';
import { EnvironmentOverviewCard } from './EnvironmentOverviewCard';

jest.setTimeout(30_000); // see DeployTab.test.tsx

const staging: Entity = {
  apiVersion: 'stagecraft.dev/v1alpha1',
  kind: 'Environment',
  metadata: { name: 'staging', namespace: 'default' },
  spec: { target: 'local', gateway: { internalHost: 'staging.internal' } },
};

const render = (methods: Partial<StagecraftApi>) =>
  renderEntityView(<EnvironmentOverviewCard />, methods, {
    entity: staging,
    entities: [staging],
  });

describe('EnvironmentOverviewCard', () => {
  it('lists each component in the environment with its state and links to the Deployed tab', async () => {
    render({
      listEnvironmentDeployments: async () => [
        deployment('staging'),
        deployment('staging', {
          componentRef: 'component:default/payments-api',
          desiredState: 'undeployed',
        }),
      ],
    });
    const list = await screen.findByRole('list', { name: 'Components' });
    const items = within(list).getAllByRole('listitem');
    expect(
      within(items[0]).getByRole('link', { name: 'checkout-api' }),
    ).toBeInTheDocument();
    expect(within(items[0]).getByText('Synced')).toBeInTheDocument();
    expect(within(items[1]).getByText('Undeployed')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Deployed tab' })).toHaveAttribute(
      'href',
      '/catalog/default/environment/staging/stagecraft-deployed',
    );
  });

  it('says when nothing runs in the environment', async () => {
    render({ listEnvironmentDeployments: async () => [] });
    expect(
      await screen.findByText('Nothing is deployed in staging yet.'),
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
});
