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

/** kwok's query for one annotation of the object a stage looks at. */
export const annotationQuery = (name: string) =>
  `.metadata.annotations["${name}"]`;

/**
 * Pods annotated never-ready: Running with their containers started, Ready False. The
 * stagecraft-pod-ready stage leaves them out, so nothing makes them ready later.
 */
export const podNeverReady = {
  apiVersion: 'kwok.x-k8s.io/v1alpha1',
  kind: 'Stage',
  metadata: { name: 'stagecraft-pod-never-ready' },
  spec: {
    resourceRef: { apiGroup: 'v1', kind: 'Pod' },
    selector: {
      matchExpressions: [
        { key: '.metadata.deletionTimestamp', operator: 'DoesNotExist' },
        { key: '.status.phase', operator: 'In', values: ['Pending'] },
        {
          key: annotationQuery(ROLLOUT_TEST_ANNOTATIONS.neverReady),
          operator: 'Exists',
        },
      ],
    },
    next: {
      statusTemplate: `{{ $now := Now }}
conditions:
- { type: Initialized, status: "True", lastTransitionTime: {{ $now | Quote }} }
- { type: Ready, status: "False", reason: ContainersNotReady, message: "readiness probe failed (stagecraft.dev/test-never-ready)", lastTransitionTime: {{ $now | Quote }} }
- { type: ContainersReady, status: "False", reason: ContainersNotReady, lastTransitionTime: {{ $now | Quote }} }
- { type: PodScheduled, status: "True", lastTransitionTime: {{ $now | Quote }} }
containerStatuses:
{{ range .spec.containers }}
- name: {{ .name | Quote }}
  image: {{ .image | Quote }}
  imageID: ""
  ready: false
  started: true
  restartCount: 0
  state: { running: { startedAt: {{ $now | Quote }} } }
{{ end }}
phase: Running
startTime: {{ $now | Quote }}
`,
    },
  },
};

/**
 * Job pods annotated job-fail: their container exits with code 1 (the pod Failed) a second
 * after it started. The stagecraft-job-pod-complete stage leaves them out.
 */
export const jobPodFail = {
  apiVersion: 'kwok.x-k8s.io/v1alpha1',
  kind: 'Stage',
  metadata: { name: 'stagecraft-job-pod-fail' },
  spec: {
    resourceRef: { apiGroup: 'v1', kind: 'Pod' },
    selector: {
      matchExpressions: [
        { key: '.metadata.deletionTimestamp', operator: 'DoesNotExist' },
        { key: '.status.phase', operator: 'In', values: ['Running'] },
        {
          key: '.metadata.ownerReferences.[].kind',
          operator: 'In',
          values: ['Job'],
        },
        {
          key: annotationQuery(ROLLOUT_TEST_ANNOTATIONS.jobFail),
          operator: 'Exists',
        },
      ],
    },
    delay: { durationMilliseconds: 1000 },
    next: {
      statusTemplate: `{{ $now := Now }}
containerStatuses:
{{ range .spec.containers }}
- name: {{ .name | Quote }}
  image: {{ .image | Quote }}
  imageID: ""
  ready: false
  started: false
  restartCount: 0
  state: { terminated: { exitCode: 1, reason: Error, startedAt: {{ $now | Quote }}, finishedAt: {{ $now | Quote }} } }
{{ end }}
conditions:
- { type: Ready, status: "False", reason: PodFailed, lastTransitionTime: {{ $now | Quote }} }
- { type: ContainersReady, status: "False", reason: PodFailed, lastTransitionTime: {{ $now | Quote }} }
phase: Failed
`,
    },
  },
};
