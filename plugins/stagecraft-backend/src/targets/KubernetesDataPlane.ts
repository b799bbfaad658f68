import { AppsV1Api, KubeConfig, V1Deployment } from '@kubernetes/client-node';
import { applySet } from '../apply/applySet';
import { ServerSideApplier } from '../apply/ServerSideApplier';
import { isNotFound } from '../apply/errors';
import { InventoryEntry } from '../inventory/inventory';
import { DataPlane, SyncRequest, SyncResult } from './DataPlane';

/** What the cluster reports about a deployment's workloads. */
export interface WorkloadObservation {
  desired: number;
  ready: number;
  updated: number;
  /** Set when a rollout is stuck (ProgressDeadlineExceeded, ReplicaFailure). */
  failure?: string;
  /** The controller has not yet seen the newest spec. */
  stale: boolean;
}

/** A Kubernetes cluster, written to with staged server-side apply and safe prune. */
export class KubernetesDataPlane implements DataPlane {
  readonly type = 'kubernetes' as const;
  private readonly apps: AppsV1Api;

  constructor(
    readonly name: string,
    readonly kubeConfig: KubeConfig,
    readonly applier: ServerSideApplier,
  ) {
    this.apps = kubeConfig.makeApiClient(AppsV1Api);
  }

  async sync(request: SyncRequest): Promise<SyncResult> {
    if (request.undeploy) {
      return applySet({
        applier: this.applier,
        manifests: [],
        previous: request.previous,
        undeploy: true,
      });
    }
    // The shared namespace objects go first, outside the inventory.
    await this.applier.applyAll(request.shared);
    return applySet({
      applier: this.applier,
      manifests: request.manifests,
      previous: request.previous,
    });
  }

  /** Sums the Deployments of an inventory; undefined when it has none (jobs, cron jobs). */
  async observe(
    inventory: InventoryEntry[],
  ): Promise<WorkloadObservation | undefined> {
    const deployments = inventory.filter(
      e => e.kind === 'Deployment' && e.namespace,
    );
    if (deployments.length === 0) return undefined;
    const total: WorkloadObservation = {
      desired: 0,
      ready: 0,
      updated: 0,
      stale: false,
    };
    for (const entry of deployments) {
      let live: V1Deployment;
      try {
        live = await this.apps.readNamespacedDeployment({
          name: entry.name,
          namespace: entry.namespace!,
        });
      } catch (error) {
        if (isNotFound(error)) {
          total.failure = `Deployment ${entry.namespace}/${entry.name} is missing`;
          continue;
        }
        throw error;
      }
      const desired = live.spec?.replicas ?? 1;
      total.desired += desired;
      total.ready += live.status?.readyReplicas ?? 0;
      total.updated += live.status?.updatedReplicas ?? 0;
      if (
        (live.status?.observedGeneration ?? 0) <
        (live.metadata?.generation ?? 0)
      )
        total.stale = true;
      const stuck = live.status?.conditions?.find(
        c =>
          (c.type === 'Progressing' && c.status === 'False') ||
          (c.type === 'ReplicaFailure' && c.status === 'True'),
      );
      if (stuck)
        total.failure = `${entry.name}: ${stuck.reason ?? stuck.type}${
          stuck.message ? ` — ${stuck.message}` : ''
        }`;
    }
    return total;
  }
}
