import type { KubeConfig } from '@kubernetes/client-node';
import { Manifest } from '@stagecraft/plugin-stagecraft-node';
import { Change } from '../apply/ChangeSet';
import type { LiveStateCache } from '../apply/LiveStateCache';
import type { DeploymentKey } from '../deployment/DeploymentKey';
import { InventoryEntry } from '../inventory/inventory';
import type { WorkloadObservation } from '../rollout/WorkloadRollout';

/** One synchronisation of a deployment's rendered objects to a data plane. */
export interface SyncRequest {
  key: DeploymentKey;
  /** Project (System) name and component name, already validated DNS labels. */
  project: string;
  component: string;
  /** The deployment's own objects, in apply order; empty only with `undeploy`. */
  manifests: Manifest[];
  /**
   * Objects the project's components share in the environment (its Namespace and default-deny
   * policy): written, never part of an inventory, never pruned by one deployment.
   */
  shared: Manifest[];
  /** What the deployment's previous sync wrote: the only objects it may remove. */
  previous: InventoryEntry[];
  /** Remove everything of the deployment; an empty set is refused without it. */
  undeploy: boolean;
  /** The release being synced and who asked for it, for commit messages and annotations. */
  releaseId: string;
  actor: string;
}

/** What a sync did, object by object, and the inventory to store for the next one. */
export interface SyncResult {
  changes: Change[];
  inventory: InventoryEntry[];
  /** Target-specific revision, e.g. the git commit a GitOps sync made. */
  revision?: string;
  /** What the target repaired before it could sync (a stale git lock removed), for the status. */
  notes?: string[];
}

/** What the cluster reports about a deployment's workloads, judged by rollout/. */
export type { WorkloadObservation };

/**
 * A cluster Stagecraft itself talks to, where what a sync wrote is live: the drift watches and
 * the runtime views (pods, events, logs) read it, and a deployment's status adds the rollout it
 * reports.
 */
export interface LiveCluster {
  /** How to reach the cluster's API; the watches and runtime views build their clients on it. */
  readonly kubeConfig: KubeConfig;
  /** The applier's cache of managed objects, for the cluster's drift watcher to keep current. */
  readonly liveState?: LiveStateCache;
  /** The rollout of an inventory's workloads; undefined when it has none (jobs, cron jobs). */
  observeWorkloads(
    inventory: InventoryEntry[],
  ): Promise<WorkloadObservation | undefined>;
}

/**
 * Where a Stagecraft environment's manifests go: a Kubernetes cluster (server-side apply) or a
 * git directory that Argo CD or Flux syncs. The reconciler, status observation and runtime views
 * know only this interface; what a target can do beyond sync is a capability on it, absent when
 * the target cannot.
 */
export interface DataPlane {
  readonly name: string;
  readonly type: 'kubernetes' | 'gitops';
  sync(request: SyncRequest): Promise<SyncResult>;
  /**
   * The live cluster behind the target. Absent on GitOps targets: their manifests are files,
   * applied later by Argo CD or Flux to a cluster Stagecraft does not reach.
   */
  readonly cluster?: LiveCluster;
  /** Releases connections and watches. */
  close?(): Promise<void>;
}
