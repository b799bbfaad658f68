import { ConflictError, NotAllowedError } from '@backstage/errors';
import {
  approvalRequest,
  COMPONENT_REF,
  RELEASE_ID,
} from '../service/__testUtils__/fakeActions';
import { agentActionsHarness } from './__testUtils__/agentActionsHarness';

const STAGING = { component: 'checkout-api', environment: 'staging' };
const TARGET = { componentRef: COMPONENT_REF, environment: 'staging' };

describe('the deployment writes', () => {
  it.each([
    ['redeploy', STAGING, 'redeploy', TARGET],
    ['undeploy', STAGING, 'undeploy', TARGET],
    [
      'rollback',
      { ...STAGING, releaseId: RELEASE_ID },
      'rollback',
      { ...TARGET, releaseId: RELEASE_ID },
    ],
  ] as const)(
    '%s calls the service as the caller and answers the deployment',
    async (name, input, method, expected) => {
      const { invoke, actions, credentials } = agentActionsHarness();
      const output = await invoke(name, input);
      expect(actions[method]).toHaveBeenCalledWith(expected, { credentials });
      expect(output.deployment).toEqual(
        await actions[method].mock.results[0].value,
      );
    },
  );

  it.each([
    ['rollback', { ...STAGING, releaseId: 'abc' }],
    ['rollback', { ...STAGING, releaseId: RELEASE_ID.toUpperCase() }],
    ['rollback', STAGING],
    ['redeploy', { component: 'checkout-api' }],
    ['undeploy', { ...STAGING, environment: 'prod/../staging' }],
    ['undeploy', { ...STAGING, component: 'component:kube-system/api' }],
  ])('%s refuses %j before calling the service', async (name, input) => {
    const { invoke, actions } = agentActionsHarness();
    await expect(invoke(name, input)).rejects.toMatchObject({
      name: 'InputError',
    });
    for (const method of ['redeploy', 'rollback', 'undeploy'] as const)
      expect(actions[method]).not.toHaveBeenCalled();
  });

  it.each(['redeploy', 'undeploy'])(
    '%s surfaces a permission refusal as one',
    async name => {
      const { invoke, actions } = agentActionsHarness();
      const refusal = new NotAllowedError(
        'stagecraft.deployment.undeploy on component:default/checkout-api is not permitted',
      );
      actions.redeploy.mockRejectedValueOnce(refusal);
      actions.undeploy.mockRejectedValueOnce(refusal);
      await expect(invoke(name, STAGING)).rejects.toBe(refusal);
    },
  );
});

describe('approve-promotion and deny-promotion', () => {
  it.each([
    ['approve-promotion', 'approve', 'approved'],
    ['deny-promotion', 'deny', 'denied'],
  ] as const)(
    '%s decides as the caller and answers the decided request',
    async (name, method, state) => {
      const { invoke, actions, credentials } = agentActionsHarness();
      const output = await invoke(name, { approvalId: 7, comment: 'why' });
      expect(actions[method]).toHaveBeenCalledWith(
        { approvalId: 7, comment: 'why' },
        { credentials },
      );
      expect(output.approval).toMatchObject({ id: 7, state });
    },
  );

  it.each([
    { approvalId: 0 },
    { approvalId: 1.5 },
    { approvalId: '7' },
    {},
    { approvalId: 7, comment: 'x'.repeat(2001) },
  ])('refuses %j', async input => {
    const { invoke, actions } = agentActionsHarness();
    await expect(invoke('approve-promotion', input)).rejects.toMatchObject({
      name: 'InputError',
    });
    expect(actions.approve).not.toHaveBeenCalled();
  });

  it("passes the service's refusals on: the requester's own request, a decided one", async () => {
    const { invoke, actions } = agentActionsHarness();
    actions.approve.mockRejectedValueOnce(
      new NotAllowedError(
        'you requested this promotion; someone else must approve it',
      ),
    );
    await expect(
      invoke('approve-promotion', { approvalId: 7 }),
    ).rejects.toBeInstanceOf(NotAllowedError);
    actions.deny.mockRejectedValueOnce(new ConflictError('already approved'));
    await expect(
      invoke('deny-promotion', { approvalId: 7 }),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it('keeps the service answer intact', async () => {
    const { invoke, actions } = agentActionsHarness();
    actions.approve.mockResolvedValueOnce(approvalRequest);
    expect(
      (await invoke('approve-promotion', { approvalId: 7 })).approval,
    ).toEqual(approvalRequest);
  });
});
