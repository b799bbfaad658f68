import { Manifest } from '@stagecraft/plugin-stagecraft-node';
import { Change } from '../apply/ChangeSet';
import { InventoryEntry } from '../inventory/inventory';

/** A deployment's identity: one component in one environment. */
export interface DeploymentKey {
  /** `component:<namespace>/<name>` */
  componentRef: string;
  /** Environment entity name. */
  environment: string;
}

/** `<componentRef>@<environment>`: the key of queues, leases and logs. */
export const deploymentKeyString = (key: DeploymentKey) =>
  `${key.componentRef}@${key.environment}`;

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
}

/**
 * Where a Stagecraft environment's manifests go: a Kubernetes cluster (server-side apply) or a
 * git directory that Argo CD or Flux syncs. The reconciler knows only this interface.
 */
export interface DataPlane {
  readonly name: string;
  readonly type: 'kubernetes' | 'gitops';
  sync(request: SyncRequest): Promise<SyncResult>;
  /** Releases connections and watches. */
  close?(): Promise<void>;
}
