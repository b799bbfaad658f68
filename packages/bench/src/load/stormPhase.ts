import { KubeConfig } from '@kubernetes/client-node';
import type { RuntimeSnapshot } from '@stagecraft/plugin-stagecraft-common';
import { directEventWatch } from './directWatch';
import type { ClusterAccess } from './clusterWrites';
import { load, ms, sleep, spread } from './format';
import { timedGet } from './loopbackHttp';
import { createMarkerEvent, podEventStorm, StormPod } from './podEventStorm';
import type { BackendProcess } from './startBackendProcess';
import { mib, usageSummary } from './usageSummary';

const MARKER_TIMEOUT_MS = 60_000;

/** A component's runtime view in dev, or undefined when it was not answered with 200. */
export async function runtimeOf(backend: BackendProcess, name: string) {
  const answer = await timedGet(
    `${backend.url}/components/default/${name}/deployments/dev/runtime`,
  );
  return answer.status === 200
    ? (JSON.parse(answer.body) as RuntimeSnapshot)
    : undefined;
}

/**
 * (c) A pod-event storm of `rate` per second for `seconds`, with the runtime view polled each
 * second, an Event made at its end timed into the view, and the backend's memory after a full
 * garbage collection before and 10 s after; prints the figures.
 */
export async function storm(
  backend: BackendProcess,
  cluster: ClusterAccess,
  pods: Map<string, StormPod[]>,
  o: { rate: number; seconds: number; kubeConfig: KubeConfig },
) {
  const before = await backend.collectGarbage();
  const since = Date.now();
  const target = pods.get('api')![0];
  const marker = `load marker ${Date.now()}`;
  let markerSent: Promise<number> | undefined;
  let markerAt = 0;
  let markerStored = 0;
  const during: number[] = [];
  const stopWatch = new AbortController();
  const directlySeen = directEventWatch(
    o.kubeConfig,
    target.namespace,
    marker,
    stopWatch.signal,
  );
  let polling = true;
  const poller = (async () => {
    while (polling) {
      const answer = await timedGet(
        `${backend.url}/components/default/api/deployments/dev/runtime`,
      );
      if (answer.status === 200) during.push(answer.ms);
      await sleep(1000);
    }
  })();
  /** Polls the runtime view from the moment the marker is sent, while the storm drains. */
  const markerVisible = async (): Promise<number | undefined> => {
    const waitStarted = Date.now();
    while (Date.now() - waitStarted < MARKER_TIMEOUT_MS) {
      const snapshot = await runtimeOf(backend, 'api');
      if (snapshot?.events.some(e => e.message === marker))
        return performance.now();
      await sleep(100);
    }
    return undefined;
  };
  let visible: Promise<number | undefined> = Promise.resolve(undefined);
  const figures = await podEventStorm({
    access: cluster,
    pods: [...pods.values()].flat(),
    perSecond: o.rate,
    seconds: o.seconds,
    atEnd: () => {
      markerAt = performance.now();
      markerSent = createMarkerEvent(cluster, target, marker).then(status => {
        markerStored = performance.now();
        return status;
      });
      visible = markerVisible();
    },
  });
  polling = false;
  const visibleAt = await visible;
  const visibleAfter =
    visibleAt === undefined ? undefined : visibleAt - markerAt;
  await poller;
  const markerStatus = await markerSent;
  // The direct watch has had as long as the runtime view; a marker it missed is undefined.
  stopWatch.abort();
  const directAt = await directlySeen;
  const stormEnd = Date.now();
  await sleep(10_000);
  const after = await backend.collectGarbage();
  console.log(
    `\n(c) pod-event storm, ${o.rate}/s for ${
      o.seconds
    } s (half Events created, half pod annotations patched): ${
      figures.sent
    } sent at ${figures.perSecond.toFixed(0)}/s, ${
      figures.skipped
    } not sent (backlog), by status ${JSON.stringify(figures.byStatus)}`,
  );
  for (const [kind, samples] of Object.entries(figures.latencies))
    console.log(`    API server, ${kind}: ${spread(samples)}`);
  console.log(`    runtime view during the storm: ${spread(during)}`);
  console.log(
    `    an Event made at the storm's end (HTTP ${markerStatus}) shows in the runtime view after: ${
      visibleAt === undefined || visibleAfter === undefined
        ? `not within ${MARKER_TIMEOUT_MS / 1000} s`
        : `${ms(visibleAfter)} (${ms(
            visibleAt - markerStored,
          )} after the API server answered 201; a direct watch of the namespace's Events got it ${
            directAt === undefined ? 'never' : ms(directAt - markerStored)
          } after the 201)`
    }`,
  );
  console.log(
    `    backend during: ${usageSummary(
      backend.samplesSince(since).filter(s => s.at <= stormEnd),
    )}`,
  );
  console.log(
    `    backend after a full GC: before ${mib(before.rss)} RSS / ${mib(
      before.heapUsed,
    )} heap, 10 s after ${mib(after.rss)} RSS / ${mib(
      after.heapUsed,
    )} heap   [${load()}]`,
  );
}
