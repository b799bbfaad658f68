import type { V1CronJob, V1Job } from '@kubernetes/client-node';
import type { WorkloadRollout } from './WorkloadRollout';

/** Times arrive as strings from plain JSON reads, as Dates from the typed client. */
const iso = (t: Date | string) => (typeof t === 'string' ? t : t.toISOString());

/**
 * The state of a live CronJob. A CronJob has no rollout and no replicas to count: applied, it is
 * `synced` as long as its last run did not fail, and the message says what is known — the
 * schedule and the result of the last run — rather than pretending to count ready pods.
 * `lastJob` is the newest Job the CronJob created, if the cluster still has one.
 */
export function cronJobRollout(
  cronJob: V1CronJob,
  lastJob?: V1Job,
): WorkloadRollout {
  const workload = `CronJob/${cronJob.metadata?.name}`;
  const scheduled = `scheduled "${cronJob.spec?.schedule}"`;
  const synced = (message: string): WorkloadRollout => ({
    workload,
    state: 'synced',
    message,
  });
  if (cronJob.spec?.suspend)
    return synced(`${scheduled}, suspended: no new runs start`);
  if (!lastJob) {
    const last = cronJob.status?.lastScheduleTime;
    return synced(
      last
        ? `${scheduled}, last run at ${iso(last)} (its Job is gone)`
        : `${scheduled}, not run yet`,
    );
  }
  const job = `Job/${lastJob.metadata?.name}`;
  const condition = (type: string) =>
    lastJob.status?.conditions?.find(
      c => c.type === type && c.status === 'True',
    );
  const failed = condition('Failed');
  if (failed)
    return {
      workload,
      state: 'degraded',
      message: `${scheduled}, last run ${job} failed: ${
        failed.reason ?? 'Failed'
      }${failed.message ? ` — ${failed.message}` : ''}`,
    };
  if (condition('Complete'))
    return synced(
      `${scheduled}, last run ${job} succeeded${
        lastJob.status?.completionTime
          ? ` at ${iso(lastJob.status.completionTime)}`
          : ''
      }`,
    );
  return synced(
    `${scheduled}, last run ${job} running${
      lastJob.status?.startTime ? ` since ${iso(lastJob.status.startTime)}` : ''
    }`,
  );
}
