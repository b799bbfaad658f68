import { KubernetesObjectApi } from '@kubernetes/client-node';
import { MANAGED_KINDS } from '@stagecraft/plugin-stagecraft-node';
import { testCluster } from '@stagecraft/test-cluster';

/** One object as a before/after comparison needs it: identity, and a digest of its content. */
export interface ObjectFingerprint {
  ref: string;
  uid: string;
  /**
   * Labels, annotations, spec and data as stored: changes with any write that matters, and a
   * failed comparison shows which field moved.
   */
  content: unknown;
}

/**
 * Every object of the kinds Stagecraft creates in `namespaces` of the test cluster, and the
 * namespaces themselves, sorted: equal before and after a request means the request changed
 * nothing there. Status is left out (controllers keep writing it); a kind the cluster does not
 * serve (HTTPRoute without the Gateway API) counts as empty.
 */
export async function clusterObjects(
  namespaces: string[],
): Promise<ObjectFingerprint[]> {
  const client = KubernetesObjectApi.makeApiClient(testCluster().kubeConfig());
  const found: ObjectFingerprint[] = [];
  const existing = (await client.list('v1', 'Namespace')).items.filter(ns =>
    namespaces.includes(ns.metadata?.name ?? ''),
  );
  for (const ns of existing)
    found.push({
      ref: `Namespace ${ns.metadata!.name}`,
      uid: ns.metadata!.uid!,
      content: { labels: ns.metadata!.labels },
    });
  for (const namespace of existing.map(ns => ns.metadata!.name!)) {
    for (const kind of MANAGED_KINDS.filter(k => k.namespaced)) {
      const items = await client
        .list(kind.apiVersion, kind.kind, namespace)
        .then(list => list.items)
        .catch(error => {
          if (error?.code === 404) return [];
          throw error;
        });
      for (const item of items as any[])
        found.push({
          ref: `${kind.kind} ${namespace}/${item.metadata.name}`,
          uid: item.metadata.uid,
          content: {
            labels: item.metadata.labels,
            annotations: ownAnnotations(item.metadata.annotations),
            spec: item.spec,
            data: item.data,
          },
        });
    }
  }
  return found.sort((a, b) => a.ref.localeCompare(b.ref));
}

/**
 * Annotations without those Kubernetes controllers write on their own schedule (the
 * deployment controller's `deployment.kubernetes.io/revision` lands some time after a
 * rollout starts), which a request under test cannot have caused.
 */
function ownAnnotations(
  annotations: Record<string, string> | undefined,
): Record<string, string> | undefined {
  if (!annotations) return annotations;
  return Object.fromEntries(
    Object.entries(annotations).filter(
      ([key]) => !key.startsWith('deployment.kubernetes.io/'),
    ),
  );
}

/**
 * The cluster's objects once they have stopped changing: two reads a second apart agree.
 * Controllers finish what an earlier, legitimate step started (a rollout, a re-plan's apply)
 * on their own schedule; a picture taken mid-way would blame the next request for it.
 */
export async function settledClusterObjects(
  namespaces: string[],
  timeoutMs = 20_000,
): Promise<ObjectFingerprint[]> {
  const deadline = Date.now() + timeoutMs;
  let last = JSON.stringify(await clusterObjects(namespaces));
  for (;;) {
    await new Promise(resolve => setTimeout(resolve, 1000));
    const objects = await clusterObjects(namespaces);
    const now = JSON.stringify(objects);
    if (now === last || Date.now() > deadline) return objects;
    last = now;
  }
}
