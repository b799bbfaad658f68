import { KubernetesObjectApi } from '@kubernetes/client-node';
import { MANAGED_KINDS } from '@stagecraft/plugin-stagecraft-node';
import { testCluster } from '@stagecraft/test-cluster';
import { createHash } from 'node:crypto';

/** One object as a before/after comparison needs it: identity, and a digest of its content. */
export interface ObjectFingerprint {
  ref: string;
  uid: string;
  /** sha256 of labels, annotations, spec and data: changes with any write that matters. */
  content: string;
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
      content: digest({ labels: ns.metadata!.labels }),
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
          content: digest({
            labels: item.metadata.labels,
            annotations: ownAnnotations(item.metadata.annotations),
            spec: item.spec,
            data: item.data,
          }),
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

function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}
