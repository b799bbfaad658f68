import { describeObject } from './describeObject';
import { Diagnostic, Manifest } from './types';

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

/**
 * Holds every replica count a component's type or traits emit within the environment's replica
 * bounds, as `spec.deploy.replicas` is held: a HorizontalPodAutoscaler's range, and a
 * Deployment's `spec.replicas` that a trait patched. Otherwise a trait parameter
 * (`maxReplicas: 10`) would scale a component past what the platform team allows in that
 * environment. The bound is applied, not refused, because a trait's parameters are the same in
 * every environment; each change is a warning that says what was asked and what applies.
 */
export function boundReplicas(
  manifests: Manifest[],
  bounds: { environment: string; min: number; max: number },
  entityRef: string,
): { manifests: Manifest[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const within = (n: number) => Math.min(Math.max(n, bounds.min), bounds.max);
  const allows = `${bounds.environment} allows ${bounds.min}–${bounds.max}`;
  const warn = (code: string, message: string) =>
    diagnostics.push({
      severity: 'warning',
      code,
      entityRef,
      path: 'spec.deploy.traits',
      message: `${entityRef}: ${message}`,
    });
  const bounded = manifests.map(m => {
    if (!isRecord(m.spec)) return m;
    const spec = m.spec;
    // Not numbers: the API server's validation refuses the object with its own message.
    if (m.kind === 'Deployment' && typeof spec.replicas === 'number') {
      const replicas = within(spec.replicas);
      if (replicas === spec.replicas) return m;
      warn(
        'replicas-bounded',
        `${describeObject(m)} asks for ${
          spec.replicas
        } replicas; ${allows}, so it runs ${replicas}`,
      );
      return { ...m, spec: { ...spec, replicas } };
    }
    if (m.kind !== 'HorizontalPodAutoscaler') return m;
    const asked = { min: spec.minReplicas ?? 1, max: spec.maxReplicas };
    if (typeof asked.min !== 'number' || typeof asked.max !== 'number')
      return m;
    const min = within(asked.min);
    const max = Math.min(Math.max(asked.max, min), bounds.max);
    if (min === asked.min && max === asked.max) return m;
    warn(
      'autoscaler-bounded',
      `${describeObject(m)} asks for ${asked.min}–${
        asked.max
      } replicas; ${allows}, so it scales within ${min}–${max}`,
    );
    return { ...m, spec: { ...spec, minReplicas: min, maxReplicas: max } };
  });
  return { manifests: bounded, diagnostics };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
