import {
  annotationQuery,
  containerStatuses,
  notReadyConditions,
  runningNotReadyStatus,
  stage,
  terminated,
} from './kwokStages';

/**
 * Pod annotations that make a pod on a kwok cluster fail the way real ones do, so diagnosis
 * tests (and the demo) can break a component on purpose. Put them on a workload's pod template:
 *
 * - `stagecraft.dev/test-fail: crash-loop` the container keeps exiting (CrashLoopBackOff,
 *   3 restarts), with the exit code of `stagecraft.dev/test-exit-code` (default 1);
 * - `oom`: killed for exceeding its memory limit (OOMKilled, exit code 137), in a back-off;
 * - `image-pull`: its image cannot be pulled (ImagePullBackOff), the pod stays Pending;
 * - `never-ready`: it runs but its readiness probe fails (Ready False, Unhealthy events).
 *
 * Each stage moves a Pending pod once and records the Warning event the kubelet would. Pods
 * without the annotation are left to the happy-path stages (./kwokConfig.ts), which skip them.
 */
export const FAILURE_TEST_ANNOTATIONS = {
  fail: 'stagecraft.dev/test-fail',
  exitCode: 'stagecraft.dev/test-exit-code',
} as const;

/**
 * Images with this tag do not exist: their pods fail to pull (ImagePullBackOff) without any
 * annotation, as a mistyped tag does, so a demo user can break a component with its image.
 */
export const MISSING_IMAGE_TAG = 'does-not-exist';

/** kwok's query: "true" when any container's image has the missing tag. */
export const missingImageQuery = `[.spec.containers[].image | endswith(":${MISSING_IMAGE_TAG}")] | any`;

export type TestFailure = 'crash-loop' | 'oom' | 'image-pull' | 'never-ready';

const pendingAndAnnotated = (failure: TestFailure) => [
  { key: '.metadata.deletionTimestamp', operator: 'DoesNotExist' as const },
  { key: '.status.phase', operator: 'In' as const, values: ['Pending'] },
  { key: '.status.startTime', operator: 'DoesNotExist' as const },
  {
    key: annotationQuery(FAILURE_TEST_ANNOTATIONS.fail),
    operator: 'In' as const,
    values: [failure],
  },
];

/** The exit code a crash-loop pod's annotation asks for, 1 without one (`$`: inside `range`, `.` is the container). */
const EXIT_CODE = `{{ or (index $.metadata.annotations "${FAILURE_TEST_ANNOTATIONS.exitCode}") "1" }}`;

function failureStage(
  failure: TestFailure,
  statusTemplate: string,
  event: { reason: string; message: string },
) {
  return stage(
    `stagecraft-pod-fail-${failure}`,
    'Pod',
    pendingAndAnnotated(failure),
    statusTemplate,
    { event: { type: 'Warning', ...event } },
  );
}

/** A container in a back-off after its last run ended with `reason` and `exitCode`. */
const backOff = (reason: string, exitCode: string) => `{{ $now := Now }}
conditions:
${notReadyConditions()}
${containerStatuses({
  ready: false,
  started: false,
  restartCount: 3,
  state:
    '{ waiting: { reason: CrashLoopBackOff, message: "back-off 40s restarting failed container" } }',
  lastState: terminated(exitCode, reason),
})}
phase: Running
startTime: {{ $now | Quote }}
`;

export const podCrashLoop = failureStage(
  'crash-loop',
  backOff('Error', EXIT_CODE),
  {
    reason: 'BackOff',
    message: 'Back-off restarting failed container',
  },
);

export const podOomKilled = failureStage('oom', backOff('OOMKilled', '137'), {
  reason: 'BackOff',
  message: 'Back-off restarting failed container (OOMKilled)',
});

const imagePullStatus = `{{ $now := Now }}
conditions:
${notReadyConditions()}
${containerStatuses({
  ready: false,
  started: false,
  restartCount: 0,
  state:
    '{ waiting: { reason: ImagePullBackOff, message: {{ printf "Back-off pulling image %q" .image | Quote }} } }',
})}
phase: Pending
startTime: {{ $now | Quote }}
`;

export const podImagePull = failureStage('image-pull', imagePullStatus, {
  reason: 'Failed',
  message:
    'Failed to pull image: not found (stagecraft.dev/test-fail: image-pull)',
});

/** Pods whose image has the tag {@link MISSING_IMAGE_TAG}, annotated or not. */
export const podImageMissing = stage(
  'stagecraft-pod-fail-missing-image',
  'Pod',
  [
    ...pendingAndAnnotated('image-pull').slice(0, 3),
    { key: missingImageQuery, operator: 'In', values: ['true'] },
  ],
  imagePullStatus,
  {
    event: {
      type: 'Warning',
      reason: 'Failed',
      message: `Failed to pull image: manifest unknown (tag ${MISSING_IMAGE_TAG} does not exist)`,
    },
  },
);

export const podReadinessFails = failureStage(
  'never-ready',
  runningNotReadyStatus(),
  {
    reason: 'Unhealthy',
    message: 'Readiness probe failed: HTTP probe failed with statuscode: 503',
  },
);

/** Every failure stage, for the kwok configuration. */
export const FAILURE_STAGES = [
  podCrashLoop,
  podOomKilled,
  podImagePull,
  podImageMissing,
  podReadinessFails,
];
