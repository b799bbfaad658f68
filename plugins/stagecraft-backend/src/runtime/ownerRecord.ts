import { KubernetesObject } from '@kubernetes/client-node';

/** An owner as a pod summary names it. */
export interface OwnerRef {
  kind: string;
  name: string;
}

/**
 * What the runtime cache keeps of a ReplicaSet or Job: enough to walk from a pod up to the
 * Deployment or CronJob that made it.
 */
export interface OwnerRecord extends OwnerRef {
  namespace: string;
  controller?: OwnerRef;
}

/** The owner reference marked `controller`: the one object that manages this one. */
export function controllerOf(object: KubernetesObject): OwnerRef | undefined {
  const owner = object.metadata?.ownerReferences?.find(o => o.controller);
  return owner ? { kind: owner.kind, name: owner.name } : undefined;
}

/** Reduces a ReplicaSet or Job from a watch to the {@link OwnerRecord} the cache keeps. */
export function ownerRecord(object: KubernetesObject): OwnerRecord {
  return {
    kind: object.kind ?? '',
    name: object.metadata?.name ?? '',
    namespace: object.metadata?.namespace ?? '',
    controller: controllerOf(object),
  };
}

/** Owner chains are short (Pod → ReplicaSet → Deployment); this bounds a cycle in bad data. */
const MAX_DEPTH = 8;

/**
 * The chain of controllers above an object, nearest first: `ReplicaSet api-7d9f`, then
 * `Deployment api`. Each owner found in `lookup` contributes its own controller; the first one
 * not found (a Deployment, which the cache does not keep) ends the chain.
 */
export function ownerChain(
  first: OwnerRef | undefined,
  lookup: (owner: OwnerRef) => OwnerRecord | undefined,
): OwnerRef[] {
  const chain: OwnerRef[] = [];
  let next = first;
  while (next && chain.length < MAX_DEPTH) {
    chain.push({ kind: next.kind, name: next.name });
    next = lookup(next)?.controller;
  }
  return chain;
}
