import { timedGet } from './loopbackHttp';
import { openLoop } from './openLoop';
import { readOf } from './readMix';
import type { BackendProcess } from './startBackendProcess';
import { load, spread } from './format';
import { cpuMillis, usageSummary } from './usageSummary';
import { schedulerSummary, schedulerTimes } from './runQueue';

/** (b) `rps` reads per second for `seconds`, the Deploy and Runtime tabs' mix; prints the figures. */
export async function restReads(
  backend: BackendProcess,
  o: { rps: number; seconds: number; components: string[] },
) {
  const since = Date.now();
  const ownCpu = process.cpuUsage();
  const scheduled = schedulerTimes(backend.pid);
  const figures = await openLoop({
    perSecond: o.rps,
    total: o.rps * o.seconds,
    maxInFlight: 1000,
    send: async i => {
      const read = readOf(i, o.components);
      return {
        route: read.route,
        ...(await timedGet(backend.url + read.path)),
      };
    },
  });
  const ok = figures.results.filter(r => r.status === 200);
  const errors: Record<string, number> = {};
  for (const r of figures.results)
    if (r.status !== 200) errors[r.status] = (errors[r.status] ?? 0) + 1;
  console.log(
    `\n(b) ${o.rps} reads/s for ${
      o.seconds
    } s (Deploy and Runtime tabs' mix): ${
      figures.results.length
    } answered in ${(figures.elapsedMs / 1000).toFixed(1)} s, ${
      figures.skipped
    } not sent (backlog)`,
  );
  console.log(
    `    all: ${spread(ok.map(r => r.ms))}   errors: ${JSON.stringify(errors)}`,
  );
  for (const route of [...new Set(figures.results.map(r => r.route))])
    console.log(
      `    ${route.padEnd(52)} ${spread(
        ok.filter(r => r.route === route).map(r => r.ms),
      )}`,
    );
  const samples = backend.samplesSince(since);
  console.log(
    `    backend: ${usageSummary(samples)}; ${(
      cpuMillis(samples) / Math.max(1, figures.results.length)
    ).toFixed(1)} ms of CPU per request   [${load()}]`,
  );
  console.log(
    `    backend scheduling: ${schedulerSummary(
      scheduled,
      schedulerTimes(backend.pid),
      figures.elapsedMs,
    )}`,
  );
  const own = process.cpuUsage(ownCpu);
  console.log(
    `    load generator (this process): CPU ${(
      (own.user + own.system) /
      10 /
      figures.elapsedMs
    ).toFixed(0)}% of one core`,
  );
}
