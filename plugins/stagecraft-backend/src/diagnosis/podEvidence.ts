import type {
  ContainerSummary,
  FindingEvidence,
  PodSummary,
} from '@stagecraft/plugin-stagecraft-common';
import type { DiagnosisEvidence } from './types';

/** Quoted log lines beyond this many would drown the finding. */
const LOG_LINES_QUOTED = 5;

/** Each container of each pod, with its pod. */
export function containersOf(
  evidence: DiagnosisEvidence,
): { pod: PodSummary; container: ContainerSummary }[] {
  return evidence.runtime.pods.flatMap(pod =>
    pod.containers.map(container => ({ pod, container })),
  );
}

/** A container's state and last termination, as the kubelet reported them. */
export function containerStatusEvidence(
  pod: PodSummary,
  container: ContainerSummary,
): FindingEvidence[] {
  const now: FindingEvidence = {
    kind: 'status',
    text: `${container.state}${
      container.stateReason ? `: ${container.stateReason}` : ''
    }, ${container.restarts} restarts, image ${container.image}`,
    pod: pod.name,
    container: container.name,
  };
  const last = container.lastTermination;
  if (!last) return [now];
  return [
    now,
    {
      kind: 'status',
      text: `last termination: ${last.reason ?? 'unknown reason'}, exit code ${
        last.exitCode ?? 'unknown'
      }`,
      at: last.finishedAt,
      pod: pod.name,
      container: container.name,
    },
  ];
}

/** The Warning events about a pod (and the pod's object name in them), newest first. */
export function podEvents(
  evidence: DiagnosisEvidence,
  pod: PodSummary,
  reasons?: string[],
): FindingEvidence[] {
  return evidence.runtime.events
    .filter(
      e =>
        e.object === `Pod ${pod.name}` &&
        e.type === 'Warning' &&
        (!reasons || reasons.includes(e.reason)),
    )
    .sort((a, b) => (b.lastSeen ?? '').localeCompare(a.lastSeen ?? ''))
    .map(e => ({
      kind: 'event' as const,
      text: `${e.reason}: ${e.message}${e.count > 1 ? ` (×${e.count})` : ''}`,
      at: e.lastSeen,
      pod: pod.name,
    }));
}

/** The last log lines of a container, when they were read. */
export function logEvidence(
  evidence: DiagnosisEvidence,
  pod: PodSummary,
  container: ContainerSummary,
): FindingEvidence[] {
  const log = evidence.logs.find(
    l => l.pod === pod.name && l.container === container.name,
  );
  return (log?.lines ?? []).slice(-LOG_LINES_QUOTED).map(line => ({
    kind: 'log' as const,
    text: line.text,
    at: line.timestamp,
    pod: pod.name,
    container: container.name,
  }));
}

/** "2 of 3 pods" / "pod api-7f9c-x2x" for a summary. */
export function podCount(evidence: DiagnosisEvidence, names: string[]): string {
  const unique = [...new Set(names)];
  if (unique.length === 1 && evidence.runtime.pods.length === 1)
    return `pod ${unique[0]}`;
  return `${unique.length} of ${evidence.runtime.pods.length} pods`;
}
