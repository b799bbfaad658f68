import { stringify } from 'yaml';
import {
  annotationQuery,
  containerStatuses,
  jobPodEndedStatus,
  RUNNING,
  stage,
  RUNNING_JOB_POD,
} from './kwokStages';
import {
  jobPodFail,
  podNeverReady,
  ROLLOUT_TEST_ANNOTATIONS,
} from './rolloutStages';
import {
  FAILURE_STAGES,
  FAILURE_TEST_ANNOTATIONS,
  missingImageQuery,
} from './failureStages';

/**
 * kwok's controller only simulates what its Stages describe; kwokctl normally injects a default
 * set, but we run kwok directly, so these are ours. They model the happy path: nodes become
 * Ready and advertise 127.0.0.1 with kwok's kubelet port (so the API server fetches pod logs
 * from kwok, on loopback only), pods start Running and Ready, Job pods complete, and deleted
 * pods go away. kwok's own Go templates fill the `{{ }}` placeholders at run time.
 */
const nodeReady = stage(
  'stagecraft-node-ready',
  'Node',
  [
    {
      key: '.status.conditions.[] | select( .type == "Ready" ) | .status',
      operator: 'NotIn',
      values: ['True'],
    },
  ],
  `{{ $now := Now }}
conditions:
- { type: Ready, status: "True", reason: KubeletReady, message: "kwok simulates this node", lastHeartbeatTime: {{ $now | Quote }}, lastTransitionTime: {{ $now | Quote }} }
- { type: MemoryPressure, status: "False", reason: KubeletHasSufficientMemory, message: "", lastHeartbeatTime: {{ $now | Quote }}, lastTransitionTime: {{ $now | Quote }} }
- { type: DiskPressure, status: "False", reason: KubeletHasNoDiskPressure, message: "", lastHeartbeatTime: {{ $now | Quote }}, lastTransitionTime: {{ $now | Quote }} }
- { type: PIDPressure, status: "False", reason: KubeletHasSufficientPID, message: "", lastHeartbeatTime: {{ $now | Quote }}, lastTransitionTime: {{ $now | Quote }} }
addresses:
- { type: InternalIP, address: {{ NodeIP | Quote }} }
- { type: Hostname, address: {{ .metadata.name | Quote }} }
daemonEndpoints:
  kubeletEndpoint:
    Port: {{ NodePort }}
allocatable: { cpu: "16", memory: 64Gi, pods: "110" }
capacity: { cpu: "16", memory: 64Gi, pods: "110" }
nodeInfo:
  architecture: amd64
  operatingSystem: linux
  kubeletVersion: {{ printf "kwok-%s" Version | Quote }}
  containerRuntimeVersion: {{ printf "kwok-%s" Version | Quote }}
  kernelVersion: ""
  kubeProxyVersion: ""
  machineID: ""
  osImage: ""
  systemUUID: ""
  bootID: ""
phase: Running
`,
);

const podReady = stage(
  'stagecraft-pod-ready',
  'Pod',
  [
    { key: '.metadata.deletionTimestamp', operator: 'DoesNotExist' },
    { key: '.status.phase', operator: 'In', values: ['Pending'] },
    {
      key: '.status.conditions.[] | select( .type == "Ready" ) | .status',
      operator: 'NotIn',
      values: ['True'],
    },
    // Left to stagecraft-pod-never-ready (./rolloutStages.ts).
    {
      key: annotationQuery(ROLLOUT_TEST_ANNOTATIONS.neverReady),
      operator: 'DoesNotExist',
    },
    // Left to the failure stages (./failureStages.ts).
    {
      key: annotationQuery(FAILURE_TEST_ANNOTATIONS.fail),
      operator: 'DoesNotExist',
    },
    { key: missingImageQuery, operator: 'NotIn', values: ['true'] },
  ],
  `{{ $now := Now }}
conditions:
- { type: Initialized, status: "True", lastTransitionTime: {{ $now | Quote }} }
- { type: Ready, status: "True", lastTransitionTime: {{ $now | Quote }} }
- { type: ContainersReady, status: "True", lastTransitionTime: {{ $now | Quote }} }
- { type: PodScheduled, status: "True", lastTransitionTime: {{ $now | Quote }} }
${containerStatuses({
  ready: true,
  started: true,
  restartCount: 0,
  state: RUNNING,
})}
{{ with NodeIPsWith .spec.nodeName }}
hostIP: {{ index . 0 | Quote }}
{{ end }}
{{ with PodIPsWith .spec.nodeName ( or .spec.hostNetwork false ) ( or .metadata.uid "" ) ( or .metadata.name "" ) ( or .metadata.namespace "" ) }}
podIP: {{ index . 0 | Quote }}
podIPs:
{{ range . }}
- ip: {{ . | Quote }}
{{ end }}
{{ end }}
phase: Running
startTime: {{ $now | Quote }}
`,
  { delay: { from: annotationQuery(ROLLOUT_TEST_ANNOTATIONS.readyDelay) } },
);

const jobPodComplete = stage(
  'stagecraft-job-pod-complete',
  'Pod',
  [
    ...RUNNING_JOB_POD,
    // Left to stagecraft-job-pod-fail (./rolloutStages.ts).
    {
      key: annotationQuery(ROLLOUT_TEST_ANNOTATIONS.jobFail),
      operator: 'DoesNotExist',
    },
  ],
  jobPodEndedStatus({
    exitCode: '0',
    reason: 'Completed',
    condition: 'PodCompleted',
    phase: 'Succeeded',
  }),
  { delay: { ms: 1000 } },
);

const podDelete = {
  apiVersion: 'kwok.x-k8s.io/v1alpha1',
  kind: 'Stage',
  metadata: { name: 'stagecraft-pod-delete' },
  spec: {
    resourceRef: { apiGroup: 'v1', kind: 'Pod' },
    selector: {
      matchExpressions: [
        { key: '.metadata.deletionTimestamp', operator: 'Exists' },
      ],
    },
    delay: {
      durationFrom: {
        expressionFrom: annotationQuery(
          ROLLOUT_TEST_ANNOTATIONS.terminateDelay,
        ),
      },
    },
    next: { delete: true, finalizers: { empty: true } },
  },
};

/**
 * The kwok configuration file: the stages above plus pod logs served from `logsFile`, followed
 * like `tail -f`, for every pod in every namespace.
 */
export function kwokConfigYaml(logsFile: string): string {
  const logs = {
    apiVersion: 'kwok.x-k8s.io/v1alpha1',
    kind: 'ClusterLogs',
    metadata: { name: 'stagecraft-pod-logs' },
    spec: { logs: [{ logsFile, follow: true }] },
  };
  return [
    nodeReady,
    podReady,
    jobPodComplete,
    podDelete,
    podNeverReady,
    jobPodFail,
    ...FAILURE_STAGES,
    logs,
  ]
    .map(doc => stringify(doc))
    .join('---\n');
}
