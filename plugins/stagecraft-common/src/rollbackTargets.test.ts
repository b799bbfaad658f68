import type { HistoryRecord } from './api/deployments';
import { rollbackTargets } from './rollbackTargets';

const R1 = `1${'a'.repeat(63)}`;
const R2 = `2${'b'.repeat(63)}`;
const R3 = `3${'c'.repeat(63)}`;
let nextId = 0;
const entry = (
  environment: string,
  action: HistoryRecord['action'],
  releaseId?: string,
): HistoryRecord => {
  nextId += 1;
  return {
    id: nextId,
    componentRef: 'component:default/api',
    environment,
    action,
    releaseId,
    actor: 'user:default/ann',
    at: new Date(Date.UTC(2026, 0, 1, 0, nextId)).toISOString(),
    details: {},
  };
};

describe('rollbackTargets', () => {
  it('offers the releases that ran in the environment, most recently run first, never the current one', () => {
    const history = [
      entry('staging', 'promote', R1),
      entry('staging', 'promote', R2),
      entry('staging', 'rollback', R1),
      entry('staging', 'promote', R3),
    ].reverse(); // the API answers newest first
    expect(rollbackTargets(history, 'staging', R3)).toEqual([
      { releaseId: R1, lastRanAt: history[1].at },
      { releaseId: R2, lastRanAt: history[2].at },
    ]);
  });

  it('does not count a release that only ran in another environment, or was never deployed', () => {
    const history = [
      entry('dev', 'deploy', R1),
      entry('prod', 'request-approval', R2),
      entry('prod', 'deny', R2),
      entry('prod', 'undeploy', R1),
      entry('prod', 'approve'),
    ];
    expect(rollbackTargets(history, 'prod', R3)).toEqual([]);
  });

  it('counts every way a release starts running: deploy, promote, rollback, redeploy', () => {
    const history = [entry('dev', 'deploy', R1), entry('dev', 'redeploy', R2)];
    expect(rollbackTargets(history, 'dev', R3).map(t => t.releaseId)).toEqual([
      R2,
      R1,
    ]);
  });

  it('in an approval-gated stage counts only approved promotions and break-glass deploys, as the backend does', () => {
    const plainDeploy = entry('prod', 'deploy', R1); // never admitted by an approval
    const breakGlass = {
      ...entry('prod', 'deploy', R2),
      details: { breakGlass: true, reason: 'outage' },
    };
    const history = [plainDeploy, breakGlass, entry('prod', 'promote', R3)];
    expect(
      rollbackTargets(history, 'prod', 'current', true).map(t => t.releaseId),
    ).toEqual([R3, R2]);
    expect(
      rollbackTargets(history, 'prod', 'current', false).map(t => t.releaseId),
    ).toEqual([R3, R2, R1]);
  });
});
