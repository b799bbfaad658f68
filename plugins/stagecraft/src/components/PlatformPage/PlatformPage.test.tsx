import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { StagecraftApi, stagecraftApiRef } from '../../api/StagecraftApi';
import { fakeStagecraftApi } from '../../testUtils/fakeStagecraftApi';
import { PlatformPage } from './PlatformPage';

function renderWith(api: Partial<StagecraftApi>) {
  return renderInTestApp(<PlatformPage />, {
    apis: [[stagecraftApiRef, fakeStagecraftApi(api)]],
  });
}

describe('PlatformPage', () => {
  it('lists the configured targets', async () => {
    renderWith({
      listTargets: async () => [
        { name: 'local', type: 'gitops' },
        { name: 'demo', type: 'kubernetes' },
      ],
    });
    expect(await screen.findByText('local')).toBeInTheDocument();
    expect(
      screen.getByText('GitOps repository (synced by Argo CD or Flux)'),
    ).toBeInTheDocument();
    expect(screen.getByText('demo')).toBeInTheDocument();
  });

  it('explains how to add a target when there is none', async () => {
    renderWith({ listTargets: async () => [] });
    expect(
      await screen.findByText(/No data-plane targets are configured/),
    ).toBeInTheDocument();
  });

  it('shows the error when the backend fails', async () => {
    renderWith({
      listTargets: async () => {
        throw new Error('backend unavailable');
      },
    });
    expect(
      await screen.findByText(
        /Could not load data-plane targets: backend unavailable/,
      ),
    ).toBeInTheDocument();
  });
});
