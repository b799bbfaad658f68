import { Entity } from '@backstage/catalog-model';
import { screen, waitFor, within, fireEvent } from '@testing-library/react';
import { DeployTab } from './DeployTab';
import {
  catalogEntities,
  checkoutApi,
  deployment,
} from './__testUtils__/deployFixtures';
import { renderEntityView } from './__testUtils__/renderDeployView';

jest.setTimeout(30_000);

/** A pipeline the component's owner picked, which lists prod without an approval. */
const shortcut: Entity = {
  apiVersion: 'stagecraft.dev/v1alpha1',
  kind: 'DeploymentPipeline',
  metadata: { name: 'shortcut', namespace: 'default' },
  spec: { stages: [{ environment: 'dev' }, { environment: 'prod' }] },
};

const following = (pipeline: string): Entity => ({
  ...checkoutApi,
  metadata: {
    ...checkoutApi.metadata,
    annotations: { 'stagecraft.dev/pipeline': pipeline },
  },
});

describe('DeployTab gating', () => {
  it('says a promotion into a stage another pipeline gates needs an approval, as the backend will ask for one', async () => {
    const entity = following('shortcut');
    renderEntityView(
      <DeployTab />,
      {
        listDeployments: async () => [deployment('dev')],
        listApprovals: async () => [],
        listHistory: async () => [],
      },
      { entity, entities: [entity, shortcut, ...catalogEntities.slice(1)] },
    );
    const dev = await screen.findByLabelText('dev environment');
    const promote = await within(dev).findByRole('button', {
      name: 'Promote to prod',
    });
    await waitFor(() => expect(promote).toBeEnabled());
    fireEvent.click(promote);
    expect(await screen.findByRole('dialog')).toHaveTextContent(
      'prod requires an approval',
    );
  });
});
