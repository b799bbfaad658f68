import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  COMPONENT_REF,
  deploymentStatus,
  release,
} from '../service/__testUtils__/fakeActions';
import { agentActionsHarness } from './__testUtils__/agentActionsHarness';

describe('get-component-status', () => {
  it('answers the latest release and every deployment, read as the caller', async () => {
    const { invoke, actions, credentials } = agentActionsHarness();
    const output = await invoke('get-component-status', {
      component: 'checkout-api',
    });
    expect(actions.listDeployments).toHaveBeenCalledWith(COMPONENT_REF, {
      credentials,
    });
    expect(actions.listReleases).toHaveBeenCalledWith(COMPONENT_REF, {
      credentials,
    });
    expect(output).toEqual({
      componentRef: COMPONENT_REF,
      latestRelease: {
        id: release.id,
        image: 'ghcr.io/acme/checkout-api:1.4.2',
        createdBy: 'user:default/jane',
        createdAt: '2026-01-01T00:00:00.000Z',
      },
      deployments: [deploymentStatus],
    });
    const [staging] = output.deployments;
    expect(staging.sync).toMatchObject({ state: 'progressing' });
    expect(staging.replicas).toEqual({ desired: 2, ready: 1, updated: 1 });
    expect(staging.pendingConnections[0].providerRef).toBe(
      'component:default/payments',
    );
  });

  it('has no latest release for a component never released', async () => {
    const { invoke, actions } = agentActionsHarness();
    actions.listReleases.mockResolvedValueOnce([]);
    actions.listDeployments.mockResolvedValueOnce([]);
    await expect(
      invoke('get-component-status', { component: 'checkout-api' }),
    ).resolves.toEqual({ componentRef: COMPONENT_REF, deployments: [] });
  });

  it('refuses a ref of another kind before asking the service', async () => {
    const { invoke, actions } = agentActionsHarness();
    await expect(
      invoke('get-component-status', { component: 'system:default/shop' }),
    ).rejects.toMatchObject({ name: 'InputError' });
    await expect(
      invoke('get-component-status', { component: 42 }),
    ).rejects.toMatchObject({ name: 'InputError' });
    expect(actions.listDeployments).not.toHaveBeenCalled();
  });

  it("passes the service's refusals on as they are", async () => {
    const { invoke, actions } = agentActionsHarness();
    actions.listDeployments.mockRejectedValue(
      new NotAllowedError('you may not read component:default/checkout-api'),
    );
    await expect(
      invoke('get-component-status', { component: 'checkout-api' }),
    ).rejects.toBeInstanceOf(NotAllowedError);
    actions.listDeployments.mockRejectedValue(new NotFoundError('no such'));
    await expect(
      invoke('get-component-status', { component: 'checkout-api' }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});
