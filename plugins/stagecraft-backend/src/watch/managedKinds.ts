import {
  MANAGED_BY_VALUE,
  StagecraftLabel,
} from '@stagecraft/plugin-stagecraft-common';

/** A kind Stagecraft creates, with the plural its collection is served under. */
export interface ManagedKind {
  apiVersion: string;
  kind: string;
  plural: string;
}

/**
 * Every kind the compiler emits into a deployment's set. Plurals are spelled out rather than
 * discovered: discovery would cost a request per group on every (re)connect, and a missing
 * group (Gateway API not installed) shows up just as well as a 404 on the list.
 */
export const MANAGED_KINDS: readonly ManagedKind[] = [
  { apiVersion: 'apps/v1', kind: 'Deployment', plural: 'deployments' },
  { apiVersion: 'batch/v1', kind: 'CronJob', plural: 'cronjobs' },
  { apiVersion: 'v1', kind: 'Service', plural: 'services' },
  { apiVersion: 'v1', kind: 'ServiceAccount', plural: 'serviceaccounts' },
  { apiVersion: 'v1', kind: 'ConfigMap', plural: 'configmaps' },
  {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    plural: 'persistentvolumeclaims',
  },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    plural: 'networkpolicies',
  },
  { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', plural: 'ingresses' },
  {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    plural: 'horizontalpodautoscalers',
  },
  {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    plural: 'poddisruptionbudgets',
  },
  {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    plural: 'httproutes',
  },
];

/** Selects the objects Stagecraft manages, in every namespace. */
export const MANAGED_SELECTOR = `${StagecraftLabel.ManagedBy}=${MANAGED_BY_VALUE}`;

/**
 * The collection of a kind, cluster-wide (`/api/v1/configmaps`, `/apis/apps/v1/deployments`)
 * or in one namespace (`/api/v1/namespaces/shop-dev/events`).
 */
export function collectionPath(kind: ManagedKind, namespace?: string): string {
  const root = kind.apiVersion.includes('/') ? 'apis' : 'api';
  const scope = namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `/${root}/${kind.apiVersion}${scope}/${kind.plural}`;
}

/** `HTTPRoute (gateway.networking.k8s.io/v1)`, the way log messages name a kind. */
export function formatKind(kind: ManagedKind): string {
  return `${kind.kind} (${kind.apiVersion})`;
}
