/*
 * The JSON the Stagecraft REST API speaks about deployments, shared by the backend (which
 * produces it) and the frontend (which reads it). Dates are ISO 8601 strings. The backend's
 * OpenAPI spec (plugins/stagecraft-backend/src/schema/openapi.yaml) describes the same shapes.
 */

/**
 * Sync state of a deployment, in the words of the API and the UI. `unknown`: the last
 * reconcile applied the current generation, but the target's cluster cannot be read now (it is
 * unreachable, say), so whether it still runs as desired is not known; the reason names the
 * cluster and the error.
 *
 * @public
 */
export type SyncState =
  | 'synced'
  | 'progressing'
  | 'degraded'
  | 'drifted'
  | 'pending'
  | 'failed'
  | 'unknown';

/**
 * A deployment as the API shows it: what is desired and how far the data plane got.
 *
 * @public
 */
export interface DeploymentStatus {
  componentRef: string;
  environment: string;
  /** The data-plane target the environment uses. */
  target: string;
  releaseId: string;
  image?: string;
  desiredState: 'deployed' | 'undeployed';
  generation: number;
  updatedBy: string;
  updatedAt: string;
  sync: {
    state: SyncState;
    /** Human-readable: what is happening or what is wrong. */
    reason: string;
    /** The generation the last reconcile acted on. */
    observedGeneration?: number;
    lastAppliedReleaseId?: string;
    /** The last successful reconcile (the last check), whether or not it changed anything. */
    lastSyncedAt?: string;
    /** What the last reconcile that changed something did, and when; a no-op pass keeps it. */
    lastChange?: { summary: string; at?: string };
    /** Target-specific revision, e.g. the GitOps commit. */
    revision?: string;
  };
  /**
   * The live rollout of the workloads that run pods: desired (what the cluster wants now, an
   * autoscaler's number when one scales them), pods of the current template, ready ones,
   * available ones, and pods of earlier templates still running or terminating.
   */
  replicas?: {
    desired: number;
    ready: number;
    updated: number;
    available?: number;
    old?: number;
  };
  /** URLs the component's endpoints are reachable at in this environment. */
  urls: string[];
  /** Dependencies whose provider is not deployed here yet. */
  pendingConnections: PendingConnection[];
}

/**
 * A dependency of a deployed component on an endpoint whose provider is not deployed in the
 * environment yet: its settings and policies are in place, and traffic flows once the provider
 * is deployed. Refs are full entity refs.
 *
 * @public
 */
export interface PendingConnection {
  /** The deployed component that depends on the endpoint. */
  consumerRef: string;
  endpointRef: string;
  /** The component serving the endpoint, which is not deployed in `environment`. */
  providerRef: string;
  environment: string;
  /** The compiler's sentence for people, e.g. in a status line. */
  message: string;
}

/**
 * A promotion waiting for (or decided by) an approver.
 *
 * @public
 */
export interface ApprovalRequest {
  id: number;
  componentRef: string;
  environment: string;
  releaseId: string;
  fromEnvironment: string;
  requestedBy: string;
  requestedAt: string;
  state: 'pending' | 'approved' | 'denied';
  decidedBy?: string;
  decidedAt?: string;
  comment?: string;
}

/**
 * The result of a promotion: deployed at once, or waiting for an approval.
 *
 * @public
 */
export type PromoteResult =
  | { outcome: 'deployed'; deployment: DeploymentStatus }
  | { outcome: 'approval-requested'; approval: ApprovalRequest };

/**
 * An immutable snapshot of what a component runs.
 *
 * @public
 */
export interface ReleaseSummary {
  id: string;
  componentRef: string;
  /** Component intent, image, and the pinned ComponentType and Trait specs. */
  snapshot: Record<string, unknown>;
  createdBy: string;
  createdAt: string;
}

/**
 * What a history entry records.
 *
 * @public
 */
export type HistoryAction =
  | 'deploy'
  | 'promote'
  | 'rollback'
  | 'redeploy'
  | 'undeploy'
  | 'approve'
  | 'deny'
  | 'request-approval';

/**
 * One action on a deployment, with who did it and when.
 *
 * @public
 */
export interface HistoryRecord {
  id: number;
  componentRef: string;
  environment: string;
  action: HistoryAction;
  releaseId?: string;
  actor: string;
  at: string;
  details: Record<string, unknown>;
}

/**
 * A change to a managed object's field that Stagecraft did not make, and when it was undone.
 *
 * @public
 */
export interface DriftRecord {
  objectRef: string;
  field: string;
  oldValue?: string;
  newValue?: string;
  detectedAt: string;
  correctedAt?: string;
}
