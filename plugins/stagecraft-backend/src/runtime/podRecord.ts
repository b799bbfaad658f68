import { KubernetesObject } from '@kubernetes/client-node';
import type {
  ContainerSummary,
  PodSummary,
} from '@stagecraft/plugin-stagecraft-common';
import {
  ContainerResources,
  containerResourcesOf,
  RawResources,
} from './containerResources';
import { controllerOf, OwnerRef } from './ownerRecord';

/**
 * What the runtime cache keeps of a pod: the fields of a {@link PodSummary} that the pod
 * itself answers, its controller for the owner chain, and its containers' requests and
 * limits (what usage and cost are measured against, so they need no read of the pod). Env
 * values, annotations, volumes and the rest of the spec are dropped when the watch event
 * arrives.
 */
export interface PodRecord extends Omit<PodSummary, 'owners' | 'usage'> {
  controller?: OwnerRef;
  /** By container name. */
  resources: Map<string, ContainerResources>;
}

/** The parts of a pod, as the API server's JSON spells them, that a {@link PodRecord} reads. */
interface RawPod extends KubernetesObject {
  spec?: {
    nodeName?: string;
    containers?: { name: string; image?: string; resources?: RawResources }[];
  };
  status?: {
    phase?: string;
    startTime?: string;
    containerStatuses?: RawContainerStatus[];
  };
}

interface RawContainerState {
  running?: { startedAt?: string };
  waiting?: { reason?: string };
  terminated?: { reason?: string; exitCode?: number; finishedAt?: string };
}

interface RawContainerStatus {
  name: string;
  ready?: boolean;
  restartCount?: number;
  state?: RawContainerState;
  lastState?: RawContainerState;
}

/** Reduces a pod from a watch to the {@link PodRecord} the cache keeps. */
export function podRecord(object: KubernetesObject): PodRecord {
  const pod = object as RawPod;
  const statuses = new Map(
    (pod.status?.containerStatuses ?? []).map(s => [s.name, s]),
  );
  const containers = (pod.spec?.containers ?? []).map(c =>
    containerSummary(c, statuses.get(c.name)),
  );
  return {
    name: pod.metadata?.name ?? '',
    namespace: pod.metadata?.namespace ?? '',
    // kubectl's word for a pod on its way out; its phase still says Running until it is gone.
    phase: pod.metadata?.deletionTimestamp
      ? 'Terminating'
      : pod.status?.phase ?? 'Unknown',
    ready: containers.length > 0 && containers.every(c => c.ready),
    restarts: containers.reduce((sum, c) => sum + c.restarts, 0),
    node: pod.spec?.nodeName,
    startedAt: pod.status?.startTime,
    containers,
    controller: controllerOf(pod),
    resources: new Map(
      (pod.spec?.containers ?? []).map(c => [
        c.name,
        containerResourcesOf(c.resources),
      ]),
    ),
  };
}

function containerSummary(
  spec: { name: string; image?: string },
  status: RawContainerStatus | undefined,
): ContainerSummary {
  const [state, stateReason] = stateOf(status?.state);
  const last = status?.lastState?.terminated;
  return {
    name: spec.name,
    image: spec.image ?? '',
    ready: status?.ready ?? false,
    restarts: status?.restartCount ?? 0,
    state,
    ...(stateReason ? { stateReason } : {}),
    ...(last
      ? {
          lastTermination: {
            reason: last.reason,
            exitCode: last.exitCode,
            finishedAt: last.finishedAt,
          },
        }
      : {}),
  };
}

function stateOf(
  state: RawContainerState | undefined,
): [ContainerSummary['state'], string | undefined] {
  if (state?.running) return ['running', undefined];
  if (state?.waiting) return ['waiting', state.waiting.reason];
  if (state?.terminated) return ['terminated', state.terminated.reason];
  return ['unknown', undefined];
}
