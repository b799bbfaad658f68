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

  const lastChange = {
    summary: 'applied release 2222222222bb: 1 configured, 7 unchanged',
    at: new Date(Date.now() - 10 * 60_000).toISOString(),
  };
  const lastSyncedAt = new Date(Date.now() - 30_000).toISOString();

  it('shows the last change the reconcile applied while the status line says something else', () => {
    render(
      <DeploymentFacts
        deployment={deployment('dev', {
          sync: {
            state: 'progressing',
            reason:
              'Deployment/checkout-api: 1 of 2 updated replicas available',
            lastChange,
            lastSyncedAt,
          },
        })}
      />,
    );
    expect(screen.getByText(/^applied release 2222222222bb/)).toHaveTextContent(
      /^applied release 2222222222bb: 1 configured, 7 unchanged, 10 minutes ago \(checked .+\)$/,
    );
  });

  it('gives only its times when the status line already names it', () => {
    render(
      <DeploymentFacts
        deployment={deployment('dev', {
          sync: {
            state: 'synced',
            reason: `Deployment/checkout-api: rolled out: 2 of 2 replicas updated and available; ${lastChange.summary}`,
            lastChange,
            lastSyncedAt,
          },
        })}
      />,
    );
    expect(screen.getByText('2 of 2 ready')).toBeInTheDocument();
    expect(screen.queryByText(/applied release/)).toBeNull();
    expect(screen.getByText(/^10 minutes ago/).parentElement).toHaveTextContent(
      /^10 minutes ago \(checked .+\)$/,
    );
  });
});
