import { KubernetesObject } from '@kubernetes/client-node';

/** What happened to a managed object, in the words of the Kubernetes watch protocol. */
export const ManagedObjectEventType = {
  Added: 'ADDED',
  Modified: 'MODIFIED',
  Deleted: 'DELETED',
} as const;
// eslint-disable-next-line @typescript-eslint/no-redeclare -- a const object and its value union share a name on purpose
export type ManagedObjectEventType =
  (typeof ManagedObjectEventType)[keyof typeof ManagedObjectEventType];

/**
 * One change to an object Stagecraft manages.
 *
 * @remarks
 * `object` always carries `apiVersion` and `kind`. A `DELETED` found by a relist (the object
 * vanished while no watch was open) carries only the identity last seen: apiVersion, kind,
 * namespace, name and resourceVersion, because the watcher keeps versions, not objects.
 */
export interface ManagedObjectEvent {
  type: ManagedObjectEventType;
  object: KubernetesObject;
}
