import { NotAllowedError } from '@backstage/errors';
import {
  approvalRequest,
  COMPONENT_REF,
  deploymentStatus,
} from '../service/__testUtils__/fakeActions';
import { agentActionsHarness } from './__testUtils__/agentActionsHarness';

describe('promote', () => {
  it('promotes as the caller and answers the new deployment', async () => {
    const { invoke, actions, credentials } = agentActionsHarness();
    const output = await invoke('promote', {
      component: 'component:checkout-api',
      from: 'dev',
    });
    expect(actions.promote).toHaveBeenCalledWith(
      { componentRef: COMPONENT_REF, from: 'dev' },
      { credentials },
    );
    expect(output).toEqual({
      outcome: 'deployed',
      deployment: deploymentStatus,
    });
  });

  it('answers the approval request when the next stage is gated', async () => {
    const { invoke, actions } = agentActionsHarness();
    actions.promote.mockResolvedValueOnce({
      outcome: 'approval-requested',
      approval: approvalRequest,
    });
    await expect(
      invoke('promote', { component: 'checkout-api', from: 'staging' }),
    ).resolves.toEqual({
      outcome: 'approval-requested',
      approval: approvalRequest,
    });
  });

  it('refuses a malformed environment before asking the service', async () => {
    const { invoke, actions } = agentActionsHarness();
    for (const from of ['', 'Staging', '../prod', 'a'.repeat(64)])
      await expect(
        invoke('promote', { component: 'checkout-api', from }),
      ).rejects.toMatchObject({ name: 'InputError' });
    await expect(
      invoke('promote', { component: 'checkout-api' }),
    ).rejects.toMatchObject({ name: 'InputError' });
    expect(actions.promote).not.toHaveBeenCalled();
  });

  it('surfaces a permission refusal as one', async () => {
    const { invoke, actions } = agentActionsHarness();
    actions.promote.mockRejectedValueOnce(
      new NotAllowedError('you may not deploy checkout-api to staging'),
    );
    await expect(
      invoke('promote', { component: 'checkout-api', from: 'dev' }),
    ).rejects.toEqual(
      new NotAllowedError('you may not deploy checkout-api to staging'),
    );
  });
});
