import { screen, within } from '@testing-library/react';
import { renderEntityView } from '../Deploy/__testUtils__/renderDeployView';
import { DeploymentsOverviewCard } from '../Overview/DeploymentsOverviewCard';
import {
  COMPONENT_REF,
  deployment,
  deploymentUsage,
} from './__testUtils__/observabilityFixtures';

jest.setTimeout(30_000);

const environments = async (getUsage: any) => {
  renderEntityView(<DeploymentsOverviewCard />, {
    listApprovals: async () => [],
    listHistory: async () => [],
    listDeployments: async () => [
      deployment('dev'),
      deployment('staging', { desiredState: 'undeployed' }),
    ],
    getUsage,
  });
  return within(await screen.findByRole('list', { name: 'Environments' }));
};

describe('usage at a glance on the Overview card', () => {
  it('shows CPU and memory of each deployed environment against requests', async () => {
    const getUsage = jest.fn(async () => deploymentUsage());
    const list = await environments(getUsage);
    const usage = await list.findByLabelText('Resource usage');
    expect(usage).toHaveTextContent(
      'CPU 590m of 500m requested (above request)Memory 190 MiB of 256 MiB requested (within request)',
    );
    // Not asked for an environment the component was undeployed from.
    expect(getUsage.mock.calls).toEqual([[COMPONENT_REF, 'dev']]);
  });

  it('says why usage is not available', async () => {
    const list = await environments(async () =>
      deploymentUsage({
        available: false,
        reason: 'the target is GitOps: no cluster to ask',
        totals: { requests: {}, limits: {} },
      }),
    );
    expect(
      await list.findByText(
        'Usage not available: the target is GitOps: no cluster to ask',
      ),
    ).toBeInTheDocument();
  });

  it('says so when usage cannot be loaded, and shows nothing while it loads', async () => {
    let fail: (e: Error) => void = () => {};
    const list = await environments(
      () => new Promise((_, reject) => (fail = reject)),
    );
    expect(list.getAllByRole('link')[0]).toHaveTextContent(
      /^dev2 of 2 readySynced$/,
    );
    fail(new Error('Forbidden'));
    expect(
      await list.findByText('Usage could not be loaded'),
    ).toBeInTheDocument();
  });
});
