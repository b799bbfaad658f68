import { KubeConfig } from '@kubernetes/client-node';
import { CatalogSnapshot } from '@stagecraft/plugin-stagecraft-backend/src/catalog/CatalogSnapshot';
import { BENCH_ENVIRONMENTS, benchCatalog } from './benchCatalog';
import { childCpuSeconds, childCpuSince } from './childCpu';
import { idealApply } from './idealApply';
import { kubectlApply } from './kubectlApply';
import { renderDeployments, RenderedSet } from './renderDeployments';
import { formatRequestsSince, serverRequestTotals } from './serverRequests';

/** Project prefix of the copy kubectl applies: its namespaces are new, as the control plane's were. */
const KUBECTL_PREFIX = 'k-';
/** Project prefix of the copy the ideal client applies, new namespaces again. */
const IDEAL_PREFIX = 'i-';

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/**
 * The same objects the control plane converged, rendered into another copy of the projects
 * (`<prefix>p<n>`), so each baseline creates everything from empty as the control plane did.
 */
function renderCopy(
  o: { components: number; perProject: number },
  prefix: string,
): RenderedSet {
  return renderDeployments(
    new CatalogSnapshot(benchCatalog({ ...o, prefix })),
    BENCH_ENVIRONMENTS,
  );
}

/**
 * What one baseline cost the cluster: CPU seconds of kube-apiserver and etcd (from /proc) and
 * the requests the API server counted, measured around `run`.
 */
async function onCluster<T>(
  kubeConfig: KubeConfig,
  run: () => Promise<T>,
): Promise<{ result: T; cpu: string; requests: string }> {
  const cpu = childCpuSeconds();
  const requests = await serverRequestTotals(kubeConfig);
  const result = await run();
  const cpuText = childCpuSince(cpu);
  const served = formatRequestsSince(
    requests,
    await serverRequestTotals(kubeConfig),
  );
  return { result, cpu: cpuText, requests: served.text };
}

/**
 * The two clients the control plane's converge is compared with, one after the other on the
 * same cluster: `kubectl apply --server-side` (the baseline) and the ideal client
 * (nothing but parallel applies: about the best any client can do on this machine). Prints a
 * line for each; resolves with their wall times in milliseconds.
 */
export async function convergeBaselines(o: {
  components: number;
  perProject: number;
  kubectl: string;
  kubeconfigPath: string;
  kubeConfig: KubeConfig;
  idealParallelism: number;
}): Promise<{ kubectl: number; ideal: number }> {
  const size = { components: o.components, perProject: o.perProject };
  const theirs = renderCopy(size, KUBECTL_PREFIX);
  const kubectl = await onCluster(o.kubeConfig, () =>
    kubectlApply({
      kubectl: o.kubectl,
      kubeconfigPath: o.kubeconfigPath,
      set: theirs,
      fieldManager: 'bench',
    }),
  );
  console.log(
    `    kubectl apply --server-side: ${seconds(kubectl.result)}  (${
      theirs.objects.length
    } objects, one call per stage: ${theirs.stages
      .map(stage => stage.length)
      .join(', ')}; requests served: ${kubectl.requests}; CPU of the cluster: ${
      kubectl.cpu
    })`,
  );

  const stages = renderCopy(size, IDEAL_PREFIX).stages;
  const ideal = await onCluster(o.kubeConfig, async () => {
    const cpu = process.cpuUsage();
    const applied = await idealApply({
      kubeConfig: o.kubeConfig,
      stages,
      fieldManager: 'bench',
      parallelism: o.idealParallelism,
    });
    const { user, system } = process.cpuUsage(cpu);
    return { ...applied, cpuMs: (user + system) / 1000 };
  });
  console.log(
    `    ideal client:                ${seconds(ideal.result.ms)}  (${
      ideal.result.requests
    } forced applies, ${
      o.idealParallelism
    } in flight, no dry run, GET or compile; requests served: ${
      ideal.requests
    }; CPU of this process, the bench's drift watch included: ${seconds(
      ideal.result.cpuMs,
    )}; CPU of the cluster: ${ideal.cpu})`,
  );
  return { kubectl: kubectl.result, ideal: ideal.result.ms };
}
