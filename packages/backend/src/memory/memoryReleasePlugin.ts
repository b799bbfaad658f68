import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { collectAllAvailableGarbage } from './collectAllAvailableGarbage';
import { MemoryRelease } from './MemoryRelease';

const MIB = 2 ** 20;

/**
 * Runs {@link MemoryRelease} in the backend process. `backend.memoryRelease` in app-config:
 * `enabled` (true), `intervalSeconds` (30), `growthMiB` (128).
 */
export const memoryReleasePlugin = createBackendPlugin({
  pluginId: 'memory-release',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        lifecycle: coreServices.rootLifecycle,
      },
      async init({ config, logger, lifecycle }) {
        const settings = config.getOptionalConfig('backend.memoryRelease');
        if (settings?.getOptionalBoolean('enabled') === false) return;
        const intervalSeconds =
          settings?.getOptionalNumber('intervalSeconds') ?? 30;
        const growthMiB = settings?.getOptionalNumber('growthMiB') ?? 128;
        if (!(intervalSeconds >= 1) || !(growthMiB >= 0))
          throw new Error(
            `backend.memoryRelease: intervalSeconds must be at least 1 and growthMiB at least 0, not ${intervalSeconds} and ${growthMiB}`,
          );
        const release = new MemoryRelease(
          {
            rss: () => process.memoryUsage.rss(),
            release: collectAllAvailableGarbage,
            onRelease: (before, after, ms) =>
              logger.debug(
                `released memory: RSS ${Math.round(
                  before / MIB,
                )} → ${Math.round(after / MIB)} MiB in ${ms} ms`,
              ),
          },
          growthMiB * MIB,
        );
        const timer = setInterval(
          () =>
            release
              .check()
              .catch(error => logger.warn(`memory release failed: ${error}`)),
          intervalSeconds * 1000,
        );
        timer.unref();
        lifecycle.addShutdownHook(() => clearInterval(timer));
      },
    });
  },
});
