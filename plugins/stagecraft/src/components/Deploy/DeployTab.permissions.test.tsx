import type { Entity } from '@backstage/catalog-model';
import { screen, waitFor, within } from '@testing-library/react';
import {
  stagecraftProductionChangePermission,
  stagecraftPromotePermission,
} from '@stagecraft/plugin-stagecraft-common';
import { DeployTab } from './DeployTab';
import {
  approval,
  catalogEntities,
  checkoutApi,
  defaultPipeline,
  deployment,
  environments,
} from './__testUtils__/deployFixtures';
import {
  renderEntityView,
  RenderOptions,
} from './__testUtils__/renderDeployView';

/**
 * usePermission caches decisions per permission and resource (SWR) for the whole test file,
 * so each test renders its own component: a cached decision from another test would hide
 * the one under test.
 */
function componentNamed(name: string): Entity {
  return { ...checkoutApi, metadata: { ...checkoutApi.metadata, name } };
}

function setup(name: string, options: RenderOptions) {
  const entity = componentNamed(name);
  return renderEntityView(
    <DeployTab />,
    {
      listDeployments: async () => [
        deployment('dev'),
        deployment('staging'),
        deployment('prod'),
      ],
      listApprovals: async () => [approval()],
      listHistory: async () => [],
    },
    { entity, entities: [entity, ...catalogEntities], ...options },
  );
}

const card = (environment: string) =>
  screen.findByLabelText(`${environment} environment`);

// A whole test app with MUI dialogs and transitions takes seconds per test on a busy machine;
// jest's 5 s default then fails tests that are merely slow.
jest.setTimeout(30_000);

describe('DeployTab permissions', () => {
  it('disables an action the user may not take, saying why', async () => {
    const { api } = setup('no-promote', {
      denied: [stagecraftPromotePermission.name],
    });
    const dev = await card('dev');
    await waitFor(() =>
      expect(
        within(dev).getByLabelText(
          'You are not permitted to promote this component.',
        ),
      ).toBeInTheDocument(),
    );
    expect(
      within(dev).getByRole('button', { name: 'Promote to staging' }),
    ).toBeDisabled();
    expect(within(dev).getByRole('button', { name: 'Redeploy' })).toBeEnabled();
    expect(api.promote).not.toHaveBeenCalled();
  });

  it('disables changes to production environments without the production permission', async () => {
    setup('no-production', {
      denied: [stagecraftProductionChangePermission.name],
    });
    const prod = await card('prod');
    const reason =
      'This is a production environment: changing it needs the production permission.';
    await waitFor(() =>
      expect(within(prod).getAllByLabelText(reason)).toHaveLength(5),
    );
    for (const name of ['Rollback', 'Redeploy', 'Undeploy', 'Approve', 'Deny'])
      expect(within(prod).getByRole('button', { name })).toBeDisabled();
    // Promoting into prod changes production; promoting into staging does not.
    expect(
      within(await card('staging')).getByRole('button', {
        name: 'Promote to prod',
      }),
    ).toBeDisabled();
    expect(
      within(await card('dev')).getByRole('button', {
        name: 'Promote to staging',
      }),
    ).toBeEnabled();
  });

  it('disables every change of an approval-gated stage without the production permission, flagged production or not', async () => {
    // staging is gated by the pipeline but not flagged `spec.production`.
    const gatedStaging: Entity = {
      ...defaultPipeline,
      spec: {
        stages: [
          { environment: 'dev' },
          { environment: 'staging', requiresApproval: true },
          { environment: 'prod', requiresApproval: true },
        ],
      },
    };
    const entity = componentNamed('gated-staging');
    renderEntityView(
      <DeployTab />,
      {
        listDeployments: async () => [deployment('dev'), deployment('staging')],
        listApprovals: async () => [
          approval({ environment: 'staging', fromEnvironment: 'dev' }),
        ],
        listHistory: async () => [],
      },
      {
        entity,
        entities: [entity, gatedStaging, ...environments],
        denied: [stagecraftProductionChangePermission.name],
      },
    );
    const staging = await card('staging');
    const reason =
      'staging needs an approval for promotions: changing it needs the production permission.';
    await waitFor(() =>
      expect(within(staging).getAllByLabelText(reason)).toHaveLength(3),
    );
    // The approval buttons name no stage: a request only exists for a gated one.
    expect(
      within(staging).getAllByLabelText(
        'This stage needs an approval for promotions: changing it needs the production permission.',
      ),
    ).toHaveLength(2);
    for (const name of ['Rollback', 'Redeploy', 'Undeploy', 'Approve', 'Deny'])
      expect(within(staging).getByRole('button', { name })).toBeDisabled();
    const dev = await card('dev');
    expect(
      within(dev).getByRole('button', { name: 'Promote to staging' }),
    ).toBeDisabled();
    expect(within(dev).getByLabelText(reason)).toBeInTheDocument();
    expect(within(dev).getByRole('button', { name: 'Redeploy' })).toBeEnabled();
  });

  it('keeps actions disabled while permissions are being checked', async () => {
    setup('undecided', {
      permissionApi: { authorize: () => new Promise(() => {}) },
    });
    const dev = await card('dev');
    expect(
      within(dev).getAllByLabelText('Checking your permissions…'),
    ).toHaveLength(4);
    expect(
      within(dev).getByRole('button', { name: 'Redeploy' }),
    ).toBeDisabled();
  });
});
