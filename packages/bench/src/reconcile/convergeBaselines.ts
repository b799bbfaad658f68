import { KubeConfig } from '@kubernetes/client-node';
import { CatalogSnapshot } from '@stagecraft/plugin-stagecraft-backend/src/catalog/CatalogSnapshot';
import { BENCH_ENVIRONMENTS, benchCatalog } from './benchCatalog';
import { childCpuSeconds, childCpuSince } from './childCpu';
import { idealApply, IdealApplyInput, idealGuardedApply } from './idealApply';
import { kubectlApply } from './kubectlApply';
import { renderDeployments, RenderedSet } from './renderDeployments';
import { formatRequestsSince, serverRequestTotals } from './serverRequests';

/** Project prefix of the copy kubectl applies: its namespaces are new, as the control plane's were. */
const KUBECTL_PREFIX = 'k-';
/** Project prefix of the copy the ideal client applies, new namespaces again. */
const IDEAL_PREFIX = 'i-';
/** Project prefix of the copy the ideal client with dry runs applies. */
const GUARDED_PREFIX = 'g-';

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
 * The clients the control plane's converge is compared with, one after the other on the same
 * cluster, each into its own copy of the projects: the ideal client with dry runs (the control
 * plane's requests and nothing else), `kubectl apply --server-side` (the baseline) and
 * the ideal client (nothing but parallel applies). Each runs with the earlier copies in the
 * cluster (10,080 more objects per copy at 1,000 components, which the API server's watch
 * cache and the bench's drift watch carry): the two that the control plane is measured against
 * go first. Prints a line for each; resolves with their wall times in milliseconds.
 */
export async function convergeBaselines(o: {
  components: number;
  perProject: number;
  kubectl: string;
  kubeconfigPath: string;
  kubeConfig: KubeConfig;
  idealParallelism: number;
}): Promise<{ kubectl: number; ideal: number; guarded: number }> {
  const size = { components: o.components, perProject: o.perProject };
  const guarded = await idealRun(
    o,
    renderCopy(size, GUARDED_PREFIX),
    idealGuardedApply,
    'ideal client with dry runs: ',
    "requests: the control plane's applies and dry runs, without its compile, database or GET",
  );
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

  const ideal = await idealRun(
    o,
    renderCopy(size, IDEAL_PREFIX),
    idealApply,
    'ideal client:               ',
    'forced applies, no dry run, GET or compile',
  );
  return { kubectl: kubectl.result, ideal, guarded };
}

/**
 * Converges `set` with one of the ideal clients, prints a line with its time, requests and CPU
 * (this process's, the bench's drift watch included, and the cluster's); resolves with the
 * wall time in milliseconds.
 */
async function idealRun(
  o: { kubeConfig: KubeConfig; idealParallelism: number },
  set: RenderedSet,
  client: (input: IdealApplyInput) => Promise<{ ms: number; requests: number }>,
  label: string,
  what: string,
): Promise<number> {
  const run = await onCluster(o.kubeConfig, async () => {
    const cpu = process.cpuUsage();
    const applied = await client({
      kubeConfig: o.kubeConfig,
      stages: set.stages,
      deployments: set.deployments,
      fieldManager: 'bench',
      parallelism: o.idealParallelism,
    });
    const { user, system } = process.cpuUsage(cpu);
    return { ...applied, cpuMs: (user + system) / 1000 };
  });
  console.log(
    `    ${label} ${seconds(run.result.ms)}  (${
      run.result.requests
    } requests, ${o.idealParallelism} in flight: ${what}; requests served: ${
      run.requests
    }; CPU of this process, the bench's drift watch included: ${seconds(
      run.result.cpuMs,
    )}; CPU of the cluster: ${run.cpu})`,
  );
  return run.result.ms;
}
