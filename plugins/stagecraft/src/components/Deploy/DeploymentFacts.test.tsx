import { render, screen } from '@testing-library/react';
import { DeploymentFacts } from './DeploymentFacts';
import { deployment } from './__testUtils__/deployFixtures';

describe('DeploymentFacts', () => {
  it('says how far a rollout got: new pods not all updated, old ones still running', () => {
    render(
      <DeploymentFacts
        deployment={deployment('dev', {
          sync: {
            state: 'progressing',
            reason: 'Deployment/checkout-api: 1 of 2 new replicas updated',
          },
          replicas: { desired: 2, ready: 2, updated: 1, available: 2, old: 2 },
        })}
      />,
    );
    expect(
      screen.getByText('2 of 2 ready; 1 updated, 2 old still running'),
    ).toBeInTheDocument();
  });

  it('shows the last change the reconcile applied, and when it last checked', () => {
    render(
      <DeploymentFacts
        deployment={deployment('dev', {
          sync: {
            state: 'synced',
            reason: 'rolled out',
            lastChange: {
              summary: 'applied release 2222222222bb: 1 configured, 7 unchanged',
              at: new Date(Date.now() - 10 * 60_000).toISOString(),
            },
            lastSyncedAt: new Date(Date.now() - 30_000).toISOString(),
          },
        })}
      />,
    );
    expect(screen.getByText('2 of 2 ready')).toBeInTheDocument();
    const change = screen.getByText(/^applied release 2222222222bb/);
    expect(change).toHaveTextContent(
      /1 configured, 7 unchanged, 10 minutes ago \(checked .+\)/,
    );
  });
});
