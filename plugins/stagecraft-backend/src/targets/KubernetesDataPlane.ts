import { KubeConfig } from '@kubernetes/client-node';
import { applySet } from '../apply/applySet';
import { ServerSideApplier } from '../apply/ServerSideApplier';
import { ObjectClient } from '../kube/ObjectClient';
import { DataPlane, LiveCluster, SyncRequest, SyncResult } from './DataPlane';
import { observeWorkloads } from './observeWorkloads';

/** A Kubernetes cluster, written to with staged server-side apply and safe prune. */
export class KubernetesDataPlane implements DataPlane {
  readonly type = 'kubernetes' as const;
  readonly cluster: LiveCluster;

  constructor(
    readonly name: string,
    kubeConfig: KubeConfig,
    private readonly applier: ServerSideApplier,
  ) {
    const reads = new ObjectClient(kubeConfig);
    this.cluster = {
      kubeConfig,
      liveState: applier.liveState,
      observeWorkloads: inventory => observeWorkloads(reads, inventory),
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
