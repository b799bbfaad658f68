import { Manifest } from './types';

/**
 * Leaves `spec.replicas` out of every workload a HorizontalPodAutoscaler scales. The autoscaler
 * owns that field; if the applied manifest set it too, each reconcile would undo the scaling
 * (and the drift watch would call the autoscaler's work drift). Returns new objects only where
 * something changes.
 */
export function releaseAutoscaledReplicas(manifests: Manifest[]): Manifest[] {
  const scaled = new Set(
    manifests
      .filter(m => m.kind === 'HorizontalPodAutoscaler')
      .map(m => {
        const target = (
          m.spec as { scaleTargetRef?: { kind?: string; name?: string } }
        )?.scaleTargetRef;
        return `${m.metadata.namespace}/${target?.kind}/${target?.name}`;
      }),
  );
  if (scaled.size === 0) return manifests;
  return manifests.map(m => {
    const spec = m.spec as Record<string, unknown> | undefined;
    if (
      !spec ||
      !('replicas' in spec) ||
      !scaled.has(`${m.metadata.namespace}/${m.kind}/${m.metadata.name}`)
    )
      return m;
    const { replicas: _owned, ...rest } = spec;
    return { ...m, spec: rest };
  });
}
