import { KubeConfig } from '@kubernetes/client-node';
import {
  kubeGet,
  readLines,
} from '@stagecraft/plugin-stagecraft-backend/src/kube/kubeRequest';

/**
 * A watch of a namespace's Events straight from the API server, as the floor the cluster sets
 * for the runtime view: resolves with the time (performance.now) when an event whose raw JSON
 * contains `text` arrives, or undefined when `signal` aborts first.
 */
export async function directEventWatch(
  kubeConfig: KubeConfig,
  namespace: string,
  text: string,
  signal: AbortSignal,
): Promise<number | undefined> {
  try {
    const response = await kubeGet(
      kubeConfig,
      `/api/v1/namespaces/${encodeURIComponent(namespace)}/events`,
      { watch: '1' },
      signal,
    );
    try {
      for await (const line of readLines(response.body))
        if (line.includes(text)) return performance.now();
    } finally {
      response.body.destroy();
      await response.closed;
    }
  } catch {
    // Aborted, or the watch failed: no floor to print.
  }
  return undefined;
}
