import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { DeployTab } from './DeployTab';
import {
  approval,
  COMPONENT_REF,
  deployment,
  historyEntry,
  release,
  RELEASE_1,
  RELEASE_2,
  RELEASE_3,
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

  it('treats another spelling of the requester ref as the requester, as the backend does', async () => {
    setup(
      { listApprovals: async () => [approval()] },
      { userEntityRef: approval().requestedBy.toUpperCase() },
    );
    const pending = await within(await card('prod')).findByRole('group', {
      name: 'Pending approval',
    });
    await waitFor(() =>
      expect(
        within(pending).getByRole('button', { name: 'Approve' }),
      ).toBeDisabled(),
    );
  });

  it('rolls back to the release picked from the list', async () => {
    const { api } = setup({
      listHistory: async () => [
        historyEntry(2, 'staging', 'promote', RELEASE_2),
        historyEntry(1, 'staging', 'promote', RELEASE_1),
      ],
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

  it('offers only releases that ran in the environment before, as the backend admits no other', async () => {
    setup({
      listHistory: async () => [
        historyEntry(4, 'staging', 'promote', RELEASE_2),
        historyEntry(3, 'dev', 'deploy', RELEASE_3),
        historyEntry(2, 'dev', 'deploy', RELEASE_2),
        historyEntry(1, 'staging', 'promote', RELEASE_1),
      ],
      listReleases: async () => [
        release(RELEASE_3, 'registry.local/checkout-api:1.6.0'),
        release(RELEASE_2, 'registry.local/checkout-api:1.5.0'),
        release(RELEASE_1, 'registry.local/checkout-api:1.4.0'),
      ],
    });
    const dialog = await click('staging', 'Rollback');
    await within(dialog).findByRole('radio', { name: /deployed now/ });
    const offered = within(dialog)
      .getAllByRole('radio')
      .filter(r => !(r as HTMLInputElement).disabled)
      .map(r => (r as HTMLInputElement).value);
    // 3333333333cc runs in dev but never ran in staging: it must be promoted instead.
    expect(offered).toEqual([RELEASE_1]);
    expect(
      within(dialog).getByRole('radio', {
        name: /1111111111aa \(ran in staging/,
      }),
    ).toBeEnabled();
    expect(
      within(dialog).queryByText('registry.local/checkout-api:1.6.0'),
    ).not.toBeInTheDocument();
  });

  it('disables Rollback, saying why, when no other release ran in the environment', async () => {
    const { api } = setup({
      listHistory: async () => [historyEntry(1, 'dev', 'deploy', RELEASE_2)],
      listReleases: async () => [
        release(RELEASE_2, 'checkout:1.5.0'),
        release(RELEASE_1, 'checkout:1.4.0'),
      ],
    });
    const dev = await card('dev');
    const reason =
      'No other release has run in dev: a rollback returns only to one that did.';
    expect(await within(dev).findByLabelText(reason)).toBeInTheDocument();
    expect(
      within(dev).getByRole('button', { name: 'Rollback' }),
    ).toBeDisabled();
    expect(api.listReleases).not.toHaveBeenCalled();
  });

  it('disables Rollback in an environment outside the pipeline, where the backend deploys nothing', async () => {
    setup({
      listDeployments: async () => [deployment('dev'), deployment('qa')],
      listHistory: async () => [
        historyEntry(2, 'qa', 'deploy', RELEASE_2),
        historyEntry(1, 'qa', 'deploy', RELEASE_1),
      ],
    });
    const qa = await card('qa');
    expect(
      await within(qa).findByLabelText(
        "qa is not a stage of this component's pipeline, so nothing can be rolled back there.",
      ),
    ).toBeInTheDocument();
    expect(within(qa).getByRole('button', { name: 'Rollback' })).toBeDisabled();
    expect(within(qa).getByRole('button', { name: 'Redeploy' })).toBeEnabled();
  });

  it('disables Rollback while the history that says what ran there cannot be read', async () => {
    setup({
      listHistory: async () => {
        throw new Error('database unavailable');
      },
    });
    expect(
      await within(await card('staging')).findByLabelText(
        'Could not read the history, which says what ran in staging: database unavailable',
      ),
    ).toBeInTheDocument();
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
