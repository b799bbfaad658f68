import type { PodSummary } from '@stagecraft/plugin-stagecraft-common';

/** How a pod's status chip reads and how alarming it looks. */
export interface PodStatus {
  label: string;
  tone: 'success' | 'warning' | 'error' | 'default';
}

/** Waiting reasons that are part of a normal start, not a problem. */
const startingReasons = new Set(['ContainerCreating', 'PodInitializing']);

/**
 * The one thing to say about a pod: a container's waiting reason when it is stuck (that is what
 * an operator needs, e.g. `CrashLoopBackOff`), otherwise its phase and how many containers are ready.
 */
export function podStatus(pod: PodSummary): PodStatus {
  const stuck = pod.containers.find(
    c =>
      c.state === 'waiting' &&
      c.stateReason &&
      !startingReasons.has(c.stateReason),
  );
  if (stuck) return { label: stuck.stateReason!, tone: 'error' };
  if (pod.phase === 'Failed') return { label: 'Failed', tone: 'error' };
  if (pod.phase === 'Succeeded') return { label: 'Completed', tone: 'default' };
  if (pod.phase !== 'Running') return { label: pod.phase, tone: 'warning' };
  if (pod.ready) return { label: 'Running, ready', tone: 'success' };
  const ready = pod.containers.filter(c => c.ready).length;
  return {
    label: `Running, ${ready} of ${pod.containers.length} ready`,
    tone: 'warning',
  };
}

/**
 * The most recent container termination, e.g. `OOMKilled (exit 137)`: why the pod last
 * restarted. `undefined` when no container has terminated.
 */
export function lastTermination(pod: PodSummary): string | undefined {
  const terminations = pod.containers
    .flatMap(c => (c.lastTermination ? [c.lastTermination] : []))
    .sort((a, b) => (b.finishedAt ?? '').localeCompare(a.finishedAt ?? ''));
  const latest = terminations[0];
  if (!latest) return undefined;
  const reason = latest.reason ?? 'Terminated';
  return latest.exitCode === undefined
    ? reason
    : `${reason} (exit ${latest.exitCode})`;
}
