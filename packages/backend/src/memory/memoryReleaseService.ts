import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { collectAllAvailableGarbage } from './collectAllAvailableGarbage';
import { scheduleChecks } from './checkSchedule';
import { MemoryRelease } from './MemoryRelease';
import { loadNativeHeapTrim } from './nativeHeapTrim';

const MIB = 2 ** 20;
const SLOW_RELEASE_MS = 500;
/** How often RSS is checked until the backend has started; see {@link scheduleChecks}. */
const STARTUP_INTERVAL_MS = 250;

/** Nothing to call: the service runs {@link MemoryRelease} for as long as the backend does. */
export const memoryReleaseServiceRef = createServiceRef<void>({
  id: 'stagecraft.memoryRelease',
  scope: 'root',
});

/**
 * Runs {@link MemoryRelease} in the backend process. `backend.memoryRelease` in app-config:
 * `enabled` (true), `intervalSeconds` (1), `growthMiB` (48), `maxTimePercent` (5),
 * `trimNativeHeap` (true); see config.d.ts.
 * The check is one RSS read, so it runs often: a 30 s interval let the heap grow up to 400 MiB
 * past the allowance between two checks at 5,000 components, and at 1,000 components on
 * PostgreSQL a catalog processing burst took RSS 170 MiB past the floor within 10 s. The
 * allowance is what a quiet backend swings by: with 128 MiB checked every 10 s, 1,000
 * components × 2 environments on PostgreSQL swung between 351 and 581 MiB; with 48 MiB every
 * 2 s, between 315 and 394 MiB (a tenth of a core more CPU); with the 5 % time limit as a
 * budget (MemoryRelease), between 319 and 383 MiB. Every 2 s still let a quiet backend's
 * bursts of garbage (up to 20 MiB a second) run 40 MiB past the allowance before a check saw
 * them, to 407 and 439 MiB in two of five runs; every second halves that overshoot for one
 * more read of /proc a second. The limit is what keeps a 5,000-component
 * backend, whose releases take half a second, from collecting every few seconds
 * (docs/benchmarks.md, "Memory of the real backend"). A backend that would rather spend memory
 * than CPU sets a larger allowance.
 *
 * A root service, not a plugin: Backstage starts root services eagerly with root-scoped
 * dependencies only, whereas a plugin gets its own auth, key store and HTTP router — in dev
 * mode one more IPC round trip to the CLI at start-up that, under load, timed out and took
 * the backend down (seen in an e2e run while this was a plugin).
 */
export const memoryReleaseServiceFactory = createServiceFactory({
  service: memoryReleaseServiceRef,
  deps: {
    config: coreServices.rootConfig,
    logger: coreServices.rootLogger,
    lifecycle: coreServices.rootLifecycle,
  },
  async factory({ config, logger, lifecycle }) {
    const settings = config.getOptionalConfig('backend.memoryRelease');
    if (settings?.getOptionalBoolean('enabled') === false) return;
    const intervalSeconds = settings?.getOptionalNumber('intervalSeconds') ?? 1;
    const growthMiB = settings?.getOptionalNumber('growthMiB') ?? 48;
    const maxTimePercent = settings?.getOptionalNumber('maxTimePercent') ?? 5;
    if (!(intervalSeconds >= 1) || !(growthMiB >= 0))
      throw new Error(
        `backend.memoryRelease: intervalSeconds must be at least 1 and growthMiB at least 0, not ${intervalSeconds} and ${growthMiB}`,
      );
    if (!(maxTimePercent > 0 && maxTimePercent <= 100))
      throw new Error(
        `backend.memoryRelease.maxTimePercent must be more than 0 and at most 100, not ${maxTimePercent}`,
      );
    const trimWanted = settings?.getOptionalBoolean('trimNativeHeap') !== false;
    const trimNativeHeap = trimWanted ? loadNativeHeapTrim() : undefined;
    let trimState = 'off';
    if (trimWanted)
      trimState = trimNativeHeap
        ? 'on'
        : 'unavailable (not glibc, or no koffi binary)';
    // Once, so that an operator reading a memory figure knows which release produced it.
    logger.info(
      `memory release: RSS checked every ${intervalSeconds} s (every ${STARTUP_INTERVAL_MS} ms while plugins start), a release past ${growthMiB} MiB of growth, at most ${maxTimePercent} % of the time; C heap trim ${trimState}`,
    );
    const release = await MemoryRelease.start(
      {
        rss: () => process.memoryUsage.rss(),
        release: async () => {
          await collectAllAvailableGarbage();
          // After the collection: it is what frees the native memory garbage objects held.
          trimNativeHeap?.();
        },
        // A release is one full collection: the event loop waits for it. One that took long
        // is worth an operator's eye (it may mean a smaller growthMiB or a longer interval).
        onRelease: (before, after, ms) =>
          logger[ms >= SLOW_RELEASE_MS ? 'info' : 'debug'](
            `released memory: RSS ${Math.round(before / MIB)} → ${Math.round(
              after / MIB,
            )} MiB in ${ms} ms`,
          ),
      },
      growthMiB * MIB,
      maxTimePercent / 100,
    );
    scheduleChecks(
      () =>
        release
          .check()
          .catch(error => logger.warn(`memory release failed: ${error}`)),
      lifecycle,
      STARTUP_INTERVAL_MS,
      intervalSeconds * 1000,
    );
  },
});
