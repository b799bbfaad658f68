import {
  annotationQuery,
  jobPodEndedStatus,
  runningNotReadyStatus,
  stage,
  RUNNING_JOB_POD,
} from './kwokStages';

/**
 * Pod annotations that slow a rollout down on a kwok cluster, so tests (and the demo) can
 * watch the states between "applied" and "rolled out". Put them on a workload's pod template;
 * durations are Go durations ("3s"). Pods without them behave as before: ready at once, gone
 * at once when deleted.
 */
export const ROLLOUT_TEST_ANNOTATIONS = {
  /** The pod runs at once but becomes Ready only after this long. */
  readyDelay: 'stagecraft.dev/test-ready-delay',
  /** Any value: the pod runs but never becomes Ready (a readiness probe that never passes). */
  neverReady: 'stagecraft.dev/test-never-ready',
  /** A deleted pod stays Terminating this long (a grace period the process uses up). */
  terminateDelay: 'stagecraft.dev/test-terminate-delay',
  /** Any value: a Job's pod exits with code 1 instead of completing. */
  jobFail: 'stagecraft.dev/test-job-fail',
} as const;

/**
 * Pods annotated never-ready: Running with their containers started, Ready False. The
 * stagecraft-pod-ready stage leaves them out, so nothing makes them ready later.
 */
export const podNeverReady = stage(
  'stagecraft-pod-never-ready',
  'Pod',
  [
    { key: '.metadata.deletionTimestamp', operator: 'DoesNotExist' },
    { key: '.status.phase', operator: 'In', values: ['Pending'] },
    {
      key: annotationQuery(ROLLOUT_TEST_ANNOTATIONS.neverReady),
      operator: 'Exists',
    },
  ],
  runningNotReadyStatus(
    `readiness probe failed (${ROLLOUT_TEST_ANNOTATIONS.neverReady})`,
  ),
);

/**
 * Job pods annotated job-fail: their container exits with code 1 (the pod Failed) a second
 * after it started. The stagecraft-job-pod-complete stage leaves them out.
 */
export const jobPodFail = stage(
  'stagecraft-job-pod-fail',
  'Pod',
  [
    ...RUNNING_JOB_POD,
    {
      key: annotationQuery(ROLLOUT_TEST_ANNOTATIONS.jobFail),
      operator: 'Exists',
    },
  ],
  jobPodEndedStatus({
    exitCode: '1',
    reason: 'Error',
    condition: 'PodFailed',
    phase: 'Failed',
  }),
  { delay: { ms: 1000 } },
);
