import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  type Diagnosis,
  stagecraftRollbackPermission,
} from '@stagecraft/plugin-stagecraft-common';
import { StagecraftApi } from '../../api/StagecraftApi';
import { renderEntityView } from '../Deploy/__testUtils__/renderDeployView';
import { DiagnosePanel } from './DiagnosePanel';

jest.setTimeout(30_000);

const REF = 'component:default/checkout-api';
const GOOD = 'a1b2c3d4e5f6'.padEnd(64, '0');

const render = (
  getDiagnosis: StagecraftApi['getDiagnosis'],
  more: Partial<StagecraftApi> = {},
  // usePermission caches decisions per resource for the whole file: a denial test names its own.
  {
    denied = [],
    componentRef = REF,
  }: { denied?: string[]; componentRef?: string } = {},
) =>
  renderEntityView(
    <DiagnosePanel
      componentRef={componentRef}
      environment="dev"
      refreshIntervalMs={60_000}
    />,
    { getDiagnosis, ...more },
    { denied },
  );

const base: Diagnosis = {
  componentRef: REF,
  environment: 'dev',
  diagnosedAt: '2026-11-30T13:00:00Z',
  findings: [],
  checked: ['containers restarting in a loop', 'images that cannot be pulled'],
  gaps: [],
};

const crashing: Diagnosis = {
  ...base,
  findings: [
    {
      rule: 'crash-loop',
      severity: 'critical',
      summary:
        'Container api keeps crashing (CrashLoopBackOff, exit code 3) in pod api-1.',
      evidence: [
        {
          kind: 'log',
          text: 'FATAL: DATABASE_URL is not set',
          pod: 'api-1',
          container: 'api',
          at: '2026-11-30T12:59:00Z',
        },
        {
          kind: 'event',
          text: 'BackOff: Back-off restarting failed container',
          pod: 'api-1',
        },
      ],
      nextStep: {
        text: 'Roll back to release a1b2c3d4e5f6, the last good one in history.',
        action: {
          name: 'rollback',
          input: { componentRef: REF, environment: 'dev', releaseId: GOOD },
        },
      },
    },
  ],
};

describe('DiagnosePanel', () => {
  it('shows progress while diagnosing', async () => {
    render(() => new Promise(() => {}));
    expect(
      await screen.findByRole('progressbar', { name: 'Diagnosing' }),
    ).toBeInTheDocument();
  });

  it('says no problems were found, with what was checked', async () => {
    render(async () => base);
    expect(await screen.findByText('No problems found')).toBeInTheDocument();
    const checked = screen.getByRole('list', { name: 'Checked' });
    expect(
      within(checked)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual(base.checked);
  });

  it('shows each finding with its quoted evidence and next step, and rolls back from there', async () => {
    const rollback = jest.fn(async () => ({} as any));
    const { api } = render(async () => crashing, { rollback });
    const finding = await screen.findByRole('article', {
      name: crashing.findings[0].summary,
    });
    expect(within(finding).getByText('critical')).toBeInTheDocument();
    const evidence = within(finding).getByRole('list', { name: 'Evidence' });
    expect(
      within(evidence).getByText('FATAL: DATABASE_URL is not set'),
    ).toBeInTheDocument();
    expect(
      within(evidence).getByText(/^Log · api-1\/api · /),
    ).toBeInTheDocument();
    expect(
      within(finding).getByText(
        'Next step: Roll back to release a1b2c3d4e5f6, the last good one in history.',
      ),
    ).toBeInTheDocument();
    const rollBack = within(finding).getByRole('button', {
      name: 'Roll back to a1b2c3d4e5f6',
    });
    // The id is shown as the history shows it, not upper-cased by the theme's buttons.
    expect(rollBack).toHaveStyle({ textTransform: 'none' });
    await waitFor(() => expect(rollBack).toBeEnabled());
    fireEvent.click(rollBack);
    fireEvent.click(await screen.findByRole('button', { name: 'Roll back' }));
    await waitFor(() =>
      expect(rollback).toHaveBeenCalledWith(REF, 'dev', GOOD),
    );
    expect(
      await screen.findByText('Rolling dev back to release a1b2c3d4e5f6.'),
    ).toBeInTheDocument();
    // The diagnosis is read again after acting.
    await waitFor(() => expect(api.getDiagnosis).toHaveBeenCalledTimes(2));
  });

  it('disables the rollback, saying why, for a user who may not roll back', async () => {
    const ref = 'component:default/no-rollback';
    render(
      async () => ({ ...crashing, componentRef: ref }),
      {},
      { denied: [stagecraftRollbackPermission.name], componentRef: ref },
    );
    expect(
      await screen.findByText(
        'You are not permitted to roll back this component.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Roll back to a1b2c3d4e5f6' }),
    ).toBeDisabled();
  });

  it('says why the diagnosis could not be read', async () => {
    render(async () => {
      throw new Error('403 Forbidden: you may not read this deployment');
    });
    expect(
      await screen.findByText(
        'Could not diagnose this deployment: 403 Forbidden: you may not read this deployment',
      ),
    ).toBeInTheDocument();
  });
});
