/*
 * The JSON the Stagecraft REST API speaks about what runs: pods, events, usage, logs and
 * links to observability tools. Never carries secrets: env values, secret data and tokens stay
 * in the cluster.
 */

/**
 * One container of a pod.
 *
 * @public
 */
export interface ContainerSummary {
  name: string;
  image: string;
  ready: boolean;
  restarts: number;
  /** `running`, `waiting` (with reason, e.g. CrashLoopBackOff) or `terminated`. */
  state: 'running' | 'waiting' | 'terminated' | 'unknown';
  stateReason?: string;
  lastTermination?: { reason?: string; exitCode?: number; finishedAt?: string };
}

/**
 * One pod of a deployment.
 *
 * @public
 */
export interface PodSummary {
  name: string;
  namespace: string;
  phase: string;
  /** Every container ready. */
  ready: boolean;
  restarts: number;
  node?: string;
  startedAt?: string;
  /** The chain of owners up to the workload, nearest first: ReplicaSet, Deployment. */
  owners: { kind: string; name: string }[];
  containers: ContainerSummary[];
  /** From the metrics API, when the cluster serves it. */
  usage?: { cpuMillicores: number; memoryBytes: number };
}

/**
 * A Kubernetes event about one of a deployment's objects.
 *
 * @public
 */
export interface RuntimeEvent {
  type: 'Normal' | 'Warning' | string;
  reason: string;
  message: string;
  /** `Kind name` of the object the event is about. */
  object: string;
  count: number;
  lastSeen?: string;
}

/**
 * What runs for one component in one environment, right now.
 *
 * @public
 */
export interface RuntimeSnapshot {
  componentRef: string;
  environment: string;
  /** Runtime state comes from Kubernetes targets only; GitOps targets say so here. */
  available: boolean;
  reason?: string;
  pods: PodSummary[];
  events: RuntimeEvent[];
  /** Summed over pods, when the metrics API is served. */
  usage?: { cpuMillicores: number; memoryBytes: number };
}

/**
 * One log line, as streamed to the browser (server-sent event `line`).
 *
 * @public
 */
export interface LogLine {
  pod: string;
  container: string;
  /** The kubelet's RFC 3339 timestamp, when requested. */
  timestamp?: string;
  text: string;
}

/**
 * A link to an external observability tool, from `stagecraft.links` URL templates.
 *
 * @public
 */
export interface ObservabilityLink {
  title: string;
  url: string;
  /** A Material icon name hint, e.g. `dashboard`, `timeline`. */
  icon?: string;
}
