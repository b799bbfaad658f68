import { screen, waitFor } from '@testing-library/react';
import type { Diagnosis } from '@stagecraft/plugin-stagecraft-common';
import { deployment } from '../Deploy/__testUtils__/deployFixtures';
import { renderEntityView } from '../Deploy/__testUtils__/renderDeployView';
import { CriticalFindingHint } from './CriticalFindingHint';

jest.setTimeout(30_000);

const diagnosis = (severity: 'critical' | 'warning'): Diagnosis => ({
  componentRef: 'component:default/checkout-api',
  environment: 'dev',
  diagnosedAt: '2026-11-30T13:00:00Z',
  findings: [
    {
      rule: 'image-pull',
      severity,
      summary: 'Image registry.example/checkout-api:nope cannot be pulled.',
      evidence: [],
      nextStep: { text: 'Fix the image reference.' },
    },
  ],
  checked: [],
  gaps: [],
});

describe('CriticalFindingHint', () => {
  it('shows the top critical finding of a degraded deployment', async () => {
    renderEntityView(
      <CriticalFindingHint
        deployment={deployment('dev', {
          sync: { state: 'degraded', reason: '0 of 1 ready' },
        })}
      />,
      { getDiagnosis: async () => diagnosis('critical') },
    );
    expect(
      await screen.findByText(
        /^Image registry\.example\/checkout-api:nope cannot be pulled\. The Runtime tab's Diagnose section/,
      ),
    ).toBeInTheDocument();
  });

  it('shows nothing for warnings only', async () => {
    const { api } = renderEntityView(
      <CriticalFindingHint
        deployment={deployment('dev', {
          sync: { state: 'failed', reason: 'deadline' },
        })}
      />,
      { getDiagnosis: async () => diagnosis('warning') },
    );
    await waitFor(() => expect(api.getDiagnosis).toHaveBeenCalled());
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('does not diagnose a synced deployment', async () => {
    const { api } = renderEntityView(
      <>
        <CriticalFindingHint
          deployment={deployment('dev', {
            sync: { state: 'synced', reason: 'ok' },
          })}
        />
        <p>card rendered</p>
      </>,
      { getDiagnosis: async () => diagnosis('critical') },
    );
    // Once the card has rendered, the hint's effect has run.
    await screen.findByText('card rendered');
    expect(api.getDiagnosis).not.toHaveBeenCalled();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
