import {
  MANAGED_BY_VALUE,
  StagecraftLabel,
} from '@stagecraft/plugin-stagecraft-common';
import type { ManagedKind } from '@stagecraft/plugin-stagecraft-node';

/**
 * A kind to list and watch, by its served collection: the table of managed kinds' watched
 * rows (`WATCHED_KINDS` of stagecraft-node) for drift, Pods and Events for the runtime views.
 */
export type WatchedKind = Pick<ManagedKind, 'apiVersion' | 'kind' | 'plural'>;

/** Selects the objects Stagecraft manages, in every namespace. */
export const MANAGED_SELECTOR = `${StagecraftLabel.ManagedBy}=${MANAGED_BY_VALUE}`;

/**
 * The collection of a kind, cluster-wide (`/api/v1/configmaps`, `/apis/apps/v1/deployments`)
 * or in one namespace (`/api/v1/namespaces/shop-dev/events`).
 */
export function collectionPath(kind: WatchedKind, namespace?: string): string {
  const root = kind.apiVersion.includes('/') ? 'apis' : 'api';
  const scope = namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `/${root}/${kind.apiVersion}${scope}/${kind.plural}`;
}

/** `HTTPRoute (gateway.networking.k8s.io/v1)`, the way log messages name a kind. */
export function formatKind(kind: WatchedKind): string {
  return `${kind.kind} (${kind.apiVersion})`;
}
