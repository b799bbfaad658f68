/**
 * When the objects of a kind are applied. The API server validates (and so dry-runs) an object
 * only once what it lives in exists, so a stage is dry-run as a whole only after every stage
 * before it was applied. `namespaces` first: every other managed object lives in one.
 * @public
 */
export type ApplyStage = 'namespaces' | 'namespaced';

/** The stages, in the order they are applied. @public */
export const APPLY_STAGES: readonly ApplyStage[] = ['namespaces', 'namespaced'];

/** One kind of object Stagecraft writes to a cluster. @public */
export interface ManagedKind {
  kind: string;
  /** The version Stagecraft writes and watches; the group is its identity. */
  apiVersion: string;
  /**
   * The plural its collection is served under. Spelled out rather than discovered: discovery
   * would cost a request per group on every (re)connect, and a missing group (Gateway API not
   * installed) shows up just as well as a 404 on the list.
   */
  plural: string;
  namespaced: boolean;
  stage: ApplyStage;
  /** A component's compiled output, its types' and traits' included, may contain it. */
  allowedForComponents: boolean;
  /**
   * Changes to it are watched, to find drift. Only what belongs to one deployment is: the
   * shared namespace objects are in no deployment's set.
   */
  watched: boolean;
}

const object = (
  apiVersion: string,
  kind: string,
  plural: string,
): ManagedKind => ({
  kind,
  apiVersion,
  plural,
  namespaced: true,
  stage: 'namespaced',
  allowedForComponents: true,
  watched: true,
});

/**
 * Every kind Stagecraft manages, in apply order: what others live in or refer to comes first
 * (the namespace, the policies isolating it, the identities, configuration and storage pods
 * mount, the Services routes point at), then workloads, then what acts on workloads and
 * Services. Pruning runs in the reverse order, so nothing is left referring to what is gone.
 *
 * The compiler's order and allowed kinds, the applier's stages, the inventory's prune order and
 * the drift watch all derive from this table (./kindOrder.ts); anything else (RBAC, webhooks,
 * CRDs…) is platform territory.
 * @public
 */
export const MANAGED_KINDS: readonly ManagedKind[] = [
  {
    kind: 'Namespace',
    apiVersion: 'v1',
    plural: 'namespaces',
    namespaced: false,
    stage: 'namespaces',
    // The compiler makes one per project and environment; it is shared by every deployment.
    allowedForComponents: false,
    watched: false,
  },
  object('networking.k8s.io/v1', 'NetworkPolicy', 'networkpolicies'),
  object('v1', 'ServiceAccount', 'serviceaccounts'),
  object('v1', 'ConfigMap', 'configmaps'),
  object('v1', 'PersistentVolumeClaim', 'persistentvolumeclaims'),
  object('v1', 'Service', 'services'),
  object('apps/v1', 'Deployment', 'deployments'),
  object('batch/v1', 'CronJob', 'cronjobs'),
  object(
    'autoscaling/v2',
    'HorizontalPodAutoscaler',
    'horizontalpodautoscalers',
  ),
  object('policy/v1', 'PodDisruptionBudget', 'poddisruptionbudgets'),
  object('gateway.networking.k8s.io/v1', 'HTTPRoute', 'httproutes'),
  object('networking.k8s.io/v1', 'Ingress', 'ingresses'),
];

/** The API group of an apiVersion: `apps` for `apps/v1`, `` for the core `v1`. @public */
export function apiGroupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}
