import type { PodSummary } from '@stagecraft/plugin-stagecraft-common';

/** Which logs the user picked: a pod and a container (all when absent), and how much history. */
export interface LogSource {
  pod?: string;
  container?: string;
  tailLines: number;
}

/** The history choices offered; the first is the default, the server's own. */
export const TAIL_LINES_CHOICES = [100, 500, 1000, 5000];

/** The containers to choose from: the picked pod's, or every name across the pods. */
export function containerNames(pods: PodSummary[], pod?: string): string[] {
  const names = pods
    .filter(p => !pod || p.name === pod)
    .flatMap(p => p.containers.map(c => c.name));
  return [...new Set(names)];
}

/**
 * The source to stream, given the pods running now: a picked pod or container that is gone
 * (the pods were replaced) falls back to all.
 */
export function resolveSource(
  source: LogSource,
  pods: PodSummary[],
): LogSource {
  const pod = pods.some(p => p.name === source.pod) ? source.pod : undefined;
  const container = containerNames(pods, pod).includes(source.container ?? '')
    ? source.container
    : undefined;
  return { pod, container, tailLines: source.tailLines };
}

/** Whether lines from several pods or containers interleave, so each line needs its source. */
export function mixesSources(source: LogSource, pods: PodSummary[]): boolean {
  const streams = pods
    .filter(p => !source.pod || p.name === source.pod)
    .flatMap(p =>
      p.containers.filter(
        c => !source.container || c.name === source.container,
      ),
    );
  return streams.length > 1;
}
