import type { V1CronJob, V1Job } from '@kubernetes/client-node';
import { cronJobRollout } from './cronJobRollout';

const cronJob = (o: { suspend?: boolean; lastScheduleTime?: string } = {}) =>
  ({
    metadata: { name: 'report' },
    spec: { schedule: '*/5 * * * *', suspend: o.suspend, jobTemplate: {} },
    status: { lastScheduleTime: o.lastScheduleTime },
  } as unknown as V1CronJob);

const job = (status: Record<string, unknown>) =>
  ({ metadata: { name: 'report-2901' }, status } as unknown as V1Job);

describe('cronJobRollout', () => {
  it.each<[string, V1CronJob, V1Job | undefined, string, string]>([
    [
      'never run',
      cronJob(),
      undefined,
      'synced',
      'scheduled "*/5 * * * *", not run yet',
    ],
    [
      'suspended',
      cronJob({ suspend: true }),
      undefined,
      'synced',
      'scheduled "*/5 * * * *", suspended: no new runs start',
    ],
    [
      'its last run succeeded',
      cronJob({ lastScheduleTime: '2026-11-30T12:00:00Z' }),
      job({
        completionTime: '2026-11-30T12:00:04Z',
        conditions: [{ type: 'Complete', status: 'True' }],
      }),
      'synced',
      'scheduled "*/5 * * * *", last run Job/report-2901 succeeded at 2026-11-30T12:00:04Z',
    ],
    [
      'its last run is still running',
      cronJob({ lastScheduleTime: '2026-11-30T12:00:00Z' }),
      job({ startTime: '2026-11-30T12:00:01Z', active: 1 }),
      'synced',
      'scheduled "*/5 * * * *", last run Job/report-2901 running since 2026-11-30T12:00:01Z',
    ],
    [
      'its last run failed',
      cronJob({ lastScheduleTime: '2026-11-30T12:00:00Z' }),
      job({
        conditions: [
          {
            type: 'Failed',
            status: 'True',
            reason: 'BackoffLimitExceeded',
            message: 'Job has reached the specified backoff limit',
          },
        ],
      }),
      'degraded',
      'scheduled "*/5 * * * *", last run Job/report-2901 failed: BackoffLimitExceeded — Job has reached the specified backoff limit',
    ],
    [
      'its last Job was cleaned up',
      cronJob({ lastScheduleTime: '2026-11-30T12:00:00Z' }),
      undefined,
      'synced',
      'scheduled "*/5 * * * *", last run at 2026-11-30T12:00:00Z (its Job is gone)',
    ],
  ])('when %s', (_, live, lastJob, state, message) => {
    expect(cronJobRollout(live, lastJob)).toEqual({
      workload: 'CronJob/report',
      state,
      message,
    });
  });
});
