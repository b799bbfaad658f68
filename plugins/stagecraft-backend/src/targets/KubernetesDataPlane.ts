import { KubeConfig } from '@kubernetes/client-node';
import { applySet } from '../apply/applySet';
import { ServerSideApplier } from '../apply/ServerSideApplier';
import { ObjectClient } from '../kube/ObjectClient';
import type { ThrottleOptions } from '../kube/throttleMiddleware';
import { DataPlane, LiveCluster, SyncRequest, SyncResult } from './DataPlane';
import { observeWorkloads } from './observeWorkloads';
import { WorkloadObservationCache } from './WorkloadObservationCache';

/** A Kubernetes cluster, written to with staged server-side apply and safe prune. */
export class KubernetesDataPlane implements DataPlane {
  readonly type = 'kubernetes' as const;
  readonly cluster: LiveCluster;

  constructor(
    readonly name: string,
    kubeConfig: KubeConfig,
    private readonly applier: ServerSideApplier,
    /** For the status reads' client (tests count its requests). */
    readOptions: ThrottleOptions = {},
  ) {
    const reads = new ObjectClient(kubeConfig, readOptions);
    // At rest, status is answered from the drift watches (WorkloadObservationCache).
    const observations = new WorkloadObservationCache(applier.liveState);
    this.cluster = {
      kubeConfig,
      liveState: applier.liveState,
      observeWorkloads: inventory =>
        observations.observe(inventory, () =>
          observeWorkloads(reads, inventory),
        ),
    };
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
}
