import { act, screen, within } from '@testing-library/react';
import type { DeploymentStatus } from '@stagecraft/plugin-stagecraft-common';
import { DeployTab } from './DeployTab';
import { deployment } from './__testUtils__/deployFixtures';
import { renderEntityView } from './__testUtils__/renderDeployView';
import { DEPLOYMENT_POLL_INTERVAL_MS } from './usePolledDeployments';

const quiet = { listApprovals: async () => [], listHistory: async () => [] };
const card = (environment: string) =>
  screen.getByLabelText(`${environment} environment`);

const OUTAGE =
  'cluster production unreachable: connect ECONNREFUSED 127.0.0.1:41037; last reconcile: applied release r2';

// A whole test app takes seconds per test on a busy machine.
jest.setTimeout(30_000);

describe('DeployTab when one environment’s cluster is unreachable', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('shows the outage with its reason on that environment only, and watches it come back', async () => {
    const prodStates: DeploymentStatus['sync'][] = [
      { state: 'unknown', reason: OUTAGE },
      { state: 'synced', reason: 'All 2 replicas are ready' },
    ];
    const listDeployments = jest.fn(async () => [
      deployment('dev'),
      deployment('staging'),
      deployment('prod', {
        target: 'production',
        sync: prodStates.length > 1 ? prodStates.shift()! : prodStates[0],
      }),
    ]);
    renderEntityView(<DeployTab />, { ...quiet, listDeployments });

    expect(
      await within(await screen.findByLabelText('prod environment')).findByText(
        'Unknown',
      ),
    ).toBeInTheDocument();
    expect(within(card('prod')).getByText(OUTAGE)).toBeInTheDocument();
    for (const environment of ['dev', 'staging'])
      expect(within(card(environment)).getByText('Synced')).toBeInTheDocument();

    // Unknown is watched like a converging state: the next poll sees the cluster back.
    await act(async () => {
      jest.advanceTimersByTime(DEPLOYMENT_POLL_INTERVAL_MS);
    });
    expect(await within(card('prod')).findByText('Synced')).toBeInTheDocument();
    expect(within(card('prod')).queryByText(OUTAGE)).not.toBeInTheDocument();
    expect(listDeployments).toHaveBeenCalledTimes(2);
  });
});
