import { LoggerService } from '@backstage/backend-plugin-api';
import { DataPlaneTarget } from '@stagecraft/plugin-stagecraft-node';
import { ServerSideApplier } from '../apply/ServerSideApplier';
import { RateLimiter } from '../kube/RateLimiter';
import { RequestCounter } from '../kube/RequestCounter';
import { DataPlane } from '../targets/DataPlane';
import { GitOpsDataPlane } from '../targets/GitOpsDataPlane';
import { KubernetesDataPlane } from '../targets/KubernetesDataPlane';
import { kubeConfigForTarget } from '../targets/kubeConfigForTarget';

/** Client limits per Kubernetes target, shared by every reconcile that writes to it. */
export interface ClientLimits {
  qps: number;
  burst: number;
}

/** One data plane per configured target; each Kubernetes target gets its own rate limiter. */
export function createDataPlanes(
  targets: DataPlaneTarget[],
  o: { logger: LoggerService; limits: ClientLimits; counter?: RequestCounter },
): Map<string, DataPlane> {
  const planes = new Map<string, DataPlane>();
  for (const target of targets) {
    if (target.type === 'gitops') {
      planes.set(
        target.name,
        new GitOpsDataPlane({
          name: target.name,
          directory: target.directory,
          remote: target.remote,
          logger: o.logger,
        }),
      );
    } else {
      const kubeConfig = kubeConfigForTarget(target);
      const applier = new ServerSideApplier(kubeConfig, {
        limiter: new RateLimiter(o.limits),
        counter: o.counter,
      });
      planes.set(
        target.name,
        new KubernetesDataPlane(target.name, kubeConfig, applier),
      );
    }
  }
  return planes;
}
