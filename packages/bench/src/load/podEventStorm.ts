import { ClusterAccess, clusterWriter } from './clusterWrites';
import { openLoop } from './openLoop';

/** A pod the storm is about. */
export interface StormPod {
  namespace: string;
  name: string;
}

/** What the storm did: requests by status, and how fast it really went. */
export interface StormFigures {
  sent: number;
  byStatus: Record<string, number>;
  /** API server answer times by kind of write (ms). */
  latencies: Record<string, number[]>;
  skipped: number;
  perSecond: number;
}

/** Storm events say they happened when the storm began; the marker, made at its end, is newer. */
const stormEvent = (pod: StormPod, i: number, at: string) => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { generateName: `${pod.name}.load-`, namespace: pod.namespace },
  involvedObject: { kind: 'Pod', name: pod.name, namespace: pod.namespace },
  reason: 'LoadStorm',
  message: `storm event ${i}`,
  type: 'Normal',
  count: 1,
  firstTimestamp: at,
  lastTimestamp: at,
  source: { component: 'stagecraft-load-bench' },
});

/**
 * `perSecond` writes for `seconds` against the deployments' pods: every even one creates an
 * Event about a pod (the runtime cache's event watch sees it), every odd one patches an
 * annotation on a pod (its pod watch sees a MODIFIED). `atEnd` runs when the last one is sent.
 */
export async function podEventStorm(o: {
  access: ClusterAccess;
  pods: StormPod[];
  perSecond: number;
  seconds: number;
  atEnd: () => void;
}): Promise<StormFigures> {
  const writer = clusterWriter(o.access, 64);
  const total = o.perSecond * o.seconds;
  const began = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  try {
    const figures = await openLoop({
      perSecond: o.perSecond,
      total,
      maxInFlight: 500,
      atLastSlot: o.atEnd,
      send: async i => {
        const started = performance.now();
        const pod = o.pods[i % o.pods.length];
        const ns = encodeURIComponent(pod.namespace);
        const status = await (i % 2 === 0
          ? writer.create(
              `/api/v1/namespaces/${ns}/events`,
              stormEvent(pod, i, began),
            )
          : writer.mergePatch(
              `/api/v1/namespaces/${ns}/pods/${encodeURIComponent(pod.name)}`,
              {
                metadata: {
                  annotations: { 'stagecraft.dev/load-seq': String(i) },
                },
              },
            ));
        return {
          kind: i % 2 === 0 ? 'create Event' : 'patch Pod',
          status,
          ms: performance.now() - started,
        };
      },
    });
    const byStatus: Record<string, number> = {};
    const latencies: Record<string, number[]> = {};
    for (const { kind, status, ms } of figures.results) {
      byStatus[`${kind} ${status}`] = (byStatus[`${kind} ${status}`] ?? 0) + 1;
      (latencies[kind] ??= []).push(ms);
    }
    return {
      sent: figures.results.length,
      byStatus,
      latencies,
      skipped: figures.skipped,
      perSecond: figures.results.length / (figures.elapsedMs / 1000),
    };
  } finally {
    writer.close();
  }
}

/** The marker Event: made at the end of the storm, it must show in the runtime view. */
export async function createMarkerEvent(
  access: ClusterAccess,
  pod: StormPod,
  message: string,
): Promise<number> {
  const writer = clusterWriter(access, 1);
  try {
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    return await writer.create(
      `/api/v1/namespaces/${encodeURIComponent(pod.namespace)}/events`,
      { ...stormEvent(pod, -1, now), reason: 'LoadMarker', message },
    );
  } finally {
    writer.close();
  }
}
