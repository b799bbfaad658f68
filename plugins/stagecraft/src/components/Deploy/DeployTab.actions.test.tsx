import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { DeployTab } from './DeployTab';
import {
  approval,
  COMPONENT_REF,
  deployment,
  release,
  RELEASE_1,
  RELEASE_2,
} from './__testUtils__/deployFixtures';
import { renderEntityView } from './__testUtils__/renderDeployView';

const threeEnvironments = async () => [
  deployment('dev'),
  deployment('staging'),
  deployment('prod'),
];

function setup(
  methods: Parameters<typeof renderEntityView>[1] = {},
  options: Parameters<typeof renderEntityView>[2] = {},
) {
  return renderEntityView(
    <DeployTab />,
    {
      listDeployments: threeEnvironments,
      listApprovals: async () => [],
      listHistory: async () => [],
      ...methods,
    },
    options,
  );
}

const card = (environment: string) =>
  screen.findByLabelText(`${environment} environment`);

async function click(environment: string, button: string) {
  const found = await within(await card(environment)).findByRole('button', {
    name: button,
  });
  await waitFor(() => expect(found).toBeEnabled());
  fireEvent.click(found);
  return screen.findByRole('dialog');
}

const confirm = (dialog: HTMLElement, label: string) =>
  fireEvent.click(within(dialog).getByRole('button', { name: label }));

// A whole test app with MUI dialogs and transitions takes seconds per test on a busy machine;
// jest's 5 s default then fails tests that are merely slow.
jest.setTimeout(30_000);

describe('DeployTab actions', () => {
  it('promotes to the next stage after confirmation, reports it and refreshes', async () => {
    const { api } = setup({
      promote: async () => ({
        outcome: 'deployed',
        deployment: deployment('staging'),
      }),
    });
    const dialog = await click('dev', 'Promote to staging');
    expect(dialog).toHaveTextContent(
      'Release 2222222222bb (registry.local/checkout-api:1.5.0) will be deployed to staging.',
    );
    confirm(dialog, 'Promote');

    expect(
      await screen.findByText('Promoted release 2222222222bb to staging.'),
    ).toBeInTheDocument();
    expect(api.promote).toHaveBeenCalledWith(COMPONENT_REF, 'dev');
    await waitFor(() => expect(api.listDeployments).toHaveBeenCalledTimes(2));
    expect(api.listApprovals).toHaveBeenCalledTimes(2);
    await waitFor(() => expect(api.listHistory).toHaveBeenCalledTimes(2));
  });

  it('does nothing when the confirmation is cancelled', async () => {
    const { api } = setup();
    const dialog = await click('dev', 'Promote to staging');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(api.promote).not.toHaveBeenCalled();
  });

  it('shows the approval a promotion waits for on the target environment', async () => {
    setup({
      promote: async () => ({
        outcome: 'approval-requested',
        approval: approval(),
      }),
    });
    const dialog = await click('staging', 'Promote to prod');
    expect(dialog).toHaveTextContent('prod requires an approval');
    confirm(dialog, 'Promote');

    expect(
      await screen.findByText('Promotion to prod now waits for an approval.'),
    ).toBeInTheDocument();
    // findBy: the page stays aria-hidden until the closing dialog's transition ends.
    expect(
      await within(await card('prod')).findByRole('group', {
        name: 'Pending approval',
      }),
    ).toHaveTextContent('Release 2222222222bb from staging waits for approval');
  });

  it('offers no promotion from the last stage', async () => {
    setup();
    const prod = await card('prod');
    await within(prod).findByRole('button', { name: 'Redeploy' });
    expect(
      within(prod).queryByRole('button', { name: /Promote/ }),
    ).not.toBeInTheDocument();
  });

  it('approves a pending promotion with the comment given', async () => {
    const { api } = setup(
      {
        listApprovals: async () => [approval()],
        approve: async () => approval({ state: 'approved' }),
      },
      { userEntityRef: 'user:default/grace' },
    );
    const prod = await card('prod');
    await within(prod).findByRole('group', { name: 'Pending approval' });
    const dialog = await click('prod', 'Approve');
    fireEvent.change(within(dialog).getByLabelText('Comment (optional)'), {
      target: { value: 'ship it' },
    });
    confirm(dialog, 'Approve');

    expect(
      await screen.findByText(
        'Approved the promotion of release 2222222222bb to prod.',
      ),
    ).toBeInTheDocument();
    expect(api.approve).toHaveBeenCalledWith(7, 'ship it');
    await waitFor(() => expect(api.listApprovals).toHaveBeenCalledTimes(2));
  });

  it('denies a pending promotion without a comment', async () => {
    const { api } = setup({
      listApprovals: async () => [approval()],
      deny: async () => approval({ state: 'denied' }),
    });
    await within(await card('prod')).findByRole('group', {
      name: 'Pending approval',
    });
    confirm(await click('prod', 'Deny'), 'Deny');
    expect(
      await screen.findByText(
        'Denied the promotion of release 2222222222bb to prod.',
      ),
    ).toBeInTheDocument();
    expect(api.deny).toHaveBeenCalledWith(7, undefined);
  });

  it('does not offer Approve to the requester, says why, and still lets them deny', async () => {
    const { api } = setup(
      {
        listApprovals: async () => [approval()],
        deny: async () => approval({ state: 'denied' }),
      },
      // The same form the backend records as requestedBy: the token's userEntityRef.
      { userEntityRef: approval().requestedBy },
    );
    const pending = await within(await card('prod')).findByRole('group', {
      name: 'Pending approval',
    });
    expect(
      await within(pending).findByText(
        /You requested this promotion; someone else must approve it\./,
      ),
    ).toBeInTheDocument();
    const approve = within(pending).getByRole('button', { name: 'Approve' });
    expect(approve).toBeDisabled();
    expect(approve.parentElement).toHaveAttribute(
      'aria-label',
      'You requested this promotion; someone else must approve it.',
    );

    confirm(await click('prod', 'Deny'), 'Deny');
    expect(
      await screen.findByText(
        'Denied the promotion of release 2222222222bb to prod.',
      ),
    ).toBeInTheDocument();
    expect(api.approve).not.toHaveBeenCalled();
    expect(api.deny).toHaveBeenCalledWith(7, undefined);
  });

  it('rolls back to the release picked from the list', async () => {
    const { api } = setup({
      listReleases: async () => [
        release(RELEASE_2, 'registry.local/checkout-api:1.5.0'),
        release(RELEASE_1, 'registry.local/checkout-api:1.4.0'),
      ],
      rollback: async () => deployment('staging', { releaseId: RELEASE_1 }),
    });
    const dialog = await click('staging', 'Rollback');
    expect(
      within(dialog).getByRole('button', { name: 'Roll back' }),
    ).toBeDisabled();
    expect(
      await within(dialog).findByRole('radio', {
        name: /2222222222bb \(deployed now\)/,
      }),
    ).toBeDisabled();
    const older = within(dialog).getByRole('radio', { name: /1111111111aa/ });
    expect(
      within(dialog).getByText('registry.local/checkout-api:1.4.0'),
    ).toBeInTheDocument();
    fireEvent.click(older);
    confirm(dialog, 'Roll back');

    expect(
      await screen.findByText('Rolling staging back to release 1111111111aa.'),
    ).toBeInTheDocument();
    expect(api.rollback).toHaveBeenCalledWith(
      COMPONENT_REF,
      'staging',
      RELEASE_1,
    );
  });

  it('says when there is no earlier release to roll back to', async () => {
    setup({ listReleases: async () => [release(RELEASE_2, 'checkout:1.5.0')] });
    const dialog = await click('dev', 'Rollback');
    expect(
      await within(dialog).findByText(
        'There is no other release to roll back to.',
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('button', { name: 'Roll back' }),
    ).toBeDisabled();
  });

  it('redeploys the current release', async () => {
    const { api } = setup({ redeploy: async () => deployment('dev') });
    confirm(await click('dev', 'Redeploy'), 'Redeploy');
    expect(
      await screen.findByText('Redeploying release 2222222222bb to dev.'),
    ).toBeInTheDocument();
    expect(api.redeploy).toHaveBeenCalledWith(COMPONENT_REF, 'dev');
  });

  it('undeploys, and reports a failure in the backend’s words', async () => {
    const { api } = setup({
      undeploy: async () => {
        throw new Error(
          'stagecraft.deployment.undeploy on component:default/checkout-api is not permitted',
        );
      },
    });
    const dialog = await click('dev', 'Undeploy');
    expect(dialog).toHaveTextContent('deleted from dev');
    confirm(dialog, 'Undeploy');
    expect(
      await screen.findByText(
        'Undeploy failed: stagecraft.deployment.undeploy on component:default/checkout-api is not permitted',
      ),
    ).toBeInTheDocument();
    expect(api.undeploy).toHaveBeenCalledWith(COMPONENT_REF, 'dev');
    await waitFor(() => expect(api.listDeployments).toHaveBeenCalledTimes(2));
  });

  it('explains why an undeployed environment cannot be promoted or undeployed again', async () => {
    setup({
      listDeployments: async () => [
        deployment('dev', { desiredState: 'undeployed' }),
      ],
    });
    const dev = await card('dev');
    expect(
      await within(dev).findByLabelText(
        'Nothing to promote: not deployed in dev.',
      ),
    ).toBeInTheDocument();
    expect(
      within(dev).getByLabelText('Already undeployed from dev.'),
    ).toBeInTheDocument();
    expect(within(dev).getByRole('button', { name: 'Redeploy' })).toBeEnabled();
  });
});
