import { Manifest } from './types';

/**
 * Apply order: what others live in or refer to comes first. Kinds not listed go last, in
 * name order. Within a kind, objects sort by namespace and name, so output is deterministic.
 */
export const RECONCILE_ORDER = [
  'Namespace',
  'NetworkPolicy',
  'ServiceAccount',
  'ConfigMap',
  'Service',
  'Deployment',
  'CronJob',
  'HorizontalPodAutoscaler',
  'PodDisruptionBudget',
  'HTTPRoute',
  'Ingress',
];

const rank = (kind: string) => {
  const i = RECONCILE_ORDER.indexOf(kind);
  return i === -1 ? RECONCILE_ORDER.length : i;
};

export const manifestKey = (m: Manifest) =>
  `${m.apiVersion}/${m.kind}/${m.metadata.namespace ?? ''}/${m.metadata.name}`;

export function orderManifests(manifests: Manifest[]): Manifest[] {
  return [...manifests].sort(
    (a, b) =>
      rank(a.kind) - rank(b.kind) ||
      a.kind.localeCompare(b.kind) ||
      (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') ||
      a.metadata.name.localeCompare(b.metadata.name),
  );
}
