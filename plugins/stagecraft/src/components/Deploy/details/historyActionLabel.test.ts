import type { HistoryRecord } from '@stagecraft/plugin-stagecraft-common';
import { historyNote } from './historyActionLabel';

const r1 = `1${'a'.repeat(63)}`;
const r2 = `2${'b'.repeat(63)}`;
const record = (
  action: HistoryRecord['action'],
  details: Record<string, unknown>,
  releaseId = r1,
): HistoryRecord => ({
  id: 1,
  componentRef: 'component:default/api',
  environment: 'production',
  action,
  releaseId,
  actor: 'user:default/ann',
  at: '2026-01-01T00:00:00.000Z',
  details,
});

describe('historyNote', () => {
  it('names the release a rollback left, shortened like the release column', () => {
    expect(historyNote(record('rollback', { from: r2 }))).toBe(
      `from release ${r2.slice(0, 12)}`,
    );
  });

  it('names the stage a promotion came from', () => {
    expect(
      historyNote(record('promote', { from: 'staging', approvalId: 3 })),
    ).toBe('from staging');
  });

  it('marks a break-glass deploy and says why', () => {
    expect(
      historyNote(
        record('deploy', { breakGlass: true, reason: 'approver away, INC-42' }),
      ),
    ).toBe('past the pipeline “approver away, INC-42”');
  });
});
