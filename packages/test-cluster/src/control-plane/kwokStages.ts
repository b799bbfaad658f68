/**
 * Building blocks of kwok Stages: the Stage document, and the parts of the pod status
 * templates the stages share. kwok fills the `{{ }}` placeholders (Go templates) when a stage
 * fires; every template starts with `{{ $now := Now }}`, which the parts below refer to.
 */

/** One of a Stage's selector expressions: kwok's query on the object, and a test. */
export type Expression = {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[];
};

/**
 * A Stage: when an object of `kind` matches every expression, kwok (after the delay) writes
 * the status `statusTemplate` renders, and records `event` against the object when given.
 */
export function stage(
  name: string,
  kind: 'Node' | 'Pod',
  matchExpressions: Expression[],
  statusTemplate: string,
  o: {
    /** Milliseconds, or kwok's query for a duration (an annotation); none: at once. */
    delay?: { ms: number } | { from: string };
    event?: { type: 'Normal' | 'Warning'; reason: string; message: string };
  } = {},
) {
  const { delay, event } = o;
  return {
    apiVersion: 'kwok.x-k8s.io/v1alpha1',
    kind: 'Stage',
    metadata: { name },
    spec: {
      resourceRef: { apiGroup: 'v1', kind },
      selector: { matchExpressions },
      ...(delay && 'ms' in delay
        ? { delay: { durationMilliseconds: delay.ms } }
        : {}),
      ...(delay && 'from' in delay
        ? { delay: { durationFrom: { expressionFrom: delay.from } } }
        : {}),
      next: { statusTemplate, ...(event ? { event } : {}) },
    },
  };
}

/** A Job's pod that is running and not being deleted: what the job stages move on. */
export const RUNNING_JOB_POD: Expression[] = [
  { key: '.metadata.deletionTimestamp', operator: 'DoesNotExist' },
  { key: '.status.phase', operator: 'In', values: ['Running'] },
  { key: '.metadata.ownerReferences.[].kind', operator: 'In', values: ['Job'] },
];

/** kwok's query for one annotation of the object a stage looks at. */
export const annotationQuery = (name: string) =>
  `.metadata.annotations["${name}"]`;

/** A container that is running since the stage fired. */
export const RUNNING = '{ running: { startedAt: {{ $now | Quote }} } }';

/** A container whose process ended just now. */
export const terminated = (exitCode: string, reason: string) =>
  `{ terminated: { exitCode: ${exitCode}, reason: ${reason}, startedAt: {{ $now | Quote }}, finishedAt: {{ $now | Quote }} } }`;

/** `containerStatuses:` with one entry per container of the pod's spec, all alike. */
export function containerStatuses(o: {
  ready: boolean;
  started: boolean;
  restartCount: number;
  state: string;
  lastState?: string;
}): string {
  return `containerStatuses:
{{ range .spec.containers }}
- name: {{ .name | Quote }}
  image: {{ .image | Quote }}
  imageID: ""
  ready: ${o.ready}
  started: ${o.started}
  restartCount: ${o.restartCount}
  state: ${o.state}${o.lastState ? `\n  lastState: ${o.lastState}` : ''}
{{ end }}`;
}

/** The conditions of a scheduled pod whose containers are not ready (`message` on Ready). */
export const notReadyConditions = (readyMessage?: string) =>
  `- { type: Initialized, status: "True", lastTransitionTime: {{ $now | Quote }} }
- { type: Ready, status: "False", reason: ContainersNotReady, ${
    readyMessage ? `message: ${JSON.stringify(readyMessage)}, ` : ''
  }lastTransitionTime: {{ $now | Quote }} }
- { type: ContainersReady, status: "False", reason: ContainersNotReady, lastTransitionTime: {{ $now | Quote }} }
- { type: PodScheduled, status: "True", lastTransitionTime: {{ $now | Quote }} }`;

/** A pod whose containers run but never pass their readiness probe. */
export const runningNotReadyStatus = (
  readyMessage?: string,
) => `{{ $now := Now }}
conditions:
${notReadyConditions(readyMessage)}
${containerStatuses({
  ready: false,
  started: true,
  restartCount: 0,
  state: RUNNING,
})}
phase: Running
startTime: {{ $now | Quote }}
`;

/** A Job's pod whose containers all ended with `exitCode` (`phase`: Succeeded or Failed). */
export const jobPodEndedStatus = (o: {
  exitCode: string;
  reason: string;
  condition: string;
  phase: 'Succeeded' | 'Failed';
}) => `{{ $now := Now }}
${containerStatuses({
  ready: false,
  started: false,
  restartCount: 0,
  state: terminated(o.exitCode, o.reason),
})}
conditions:
- { type: Ready, status: "False", reason: ${
  o.condition
}, lastTransitionTime: {{ $now | Quote }} }
- { type: ContainersReady, status: "False", reason: ${
  o.condition
}, lastTransitionTime: {{ $now | Quote }} }
phase: ${o.phase}
`;
