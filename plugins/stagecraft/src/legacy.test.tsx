import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { stagecraftApiRef } from './api/StagecraftApi';
import {
  EntityStagecraftEnvironmentContent,
  stagecraftLegacyPlugin,
} from './legacy';
import { fakeStagecraftApi } from './testUtils/fakeStagecraftApi';

describe('the legacy frontend system exports', () => {
  it('registers the Stagecraft client with the legacy plugin', () => {
    const apis = [...stagecraftLegacyPlugin.getApis()];
    expect(apis.map(factory => factory.api.id)).toEqual([stagecraftApiRef.id]);
  });

  it('renders an entity extension with the same view as the new system', async () => {
    const api = fakeStagecraftApi({
      listEnvironmentDeployments: async () => [],
    });
    await renderInTestApp(
      <EntityProvider
        entity={{
          apiVersion: 'stagecraft.dev/v1alpha1',
          kind: 'Environment',
          metadata: { name: 'staging', namespace: 'default' },
          spec: { target: 'local' },
        }}
      >
        <EntityStagecraftEnvironmentContent />
      </EntityProvider>,
      { apis: [[stagecraftApiRef, api]] },
    );
    expect(
      await screen.findByText('Nothing is deployed in staging yet.'),
    ).toBeInTheDocument();
    expect(api.listEnvironmentDeployments).toHaveBeenCalledWith('staging');
  });
});
