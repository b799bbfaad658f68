import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  clusterAppConfig,
  clusterGlobalSetup,
  findRepoRoot,
  installAddons,
  testCluster,
} from '@stagecraft/test-cluster';
import { CHROMIUM } from './browser';
import { startApp } from './startApp';

/**
 * End-to-end global setup: the shared test cluster, then the app on ports 3100/7100 — or,
 * with STAGECRAFT_E2E_URL set, an app that is already running (nothing is started for it).
 */
export default async function globalSetup(): Promise<void> {
  const repoRoot = findRepoRoot(__dirname);
  const artifactsDir = join(repoRoot, 'e2e-artifacts');
  if (!existsSync(CHROMIUM) && process.env.CI !== 'true') {
    process.stdout.write(
      `\nSkipping end-to-end tests: no browser at ${CHROMIUM}. Install Chromium (apt-get install chromium) or set STAGECRAFT_CHROMIUM.\n`,
    );
    process.env.STAGECRAFT_E2E = 'unavailable';
    return;
  }
  await clusterGlobalSetup();

  const attachTo = process.env.STAGECRAFT_E2E_URL;
  if (attachTo) {
    process.env.STAGECRAFT_E2E = JSON.stringify({
      baseUrl: attachTo,
      artifactsDir,
    });
    return;
  }
  // The app deploys the example organisation to the test cluster, as after `yarn cluster:up`.
  const cluster = testCluster();
  await installAddons(cluster.kubeConfig(), { demoVolumes: true });
  const started = Date.now();
  const app = await startApp({
    repoRoot,
    artifactsDir,
    extraConfig: {
      ...clusterAppConfig(cluster),
      // A short resync and catalog poll keep the tests from waiting on defaults meant for
      // production.
      stagecraft: {
        ...(clusterAppConfig(cluster) as { stagecraft: object }).stagecraft,
        reconcile: { catalogPollSeconds: 2 },
      },
    },
  });
  (globalThis as any).__stagecraftE2eApp = app;
  process.env.STAGECRAFT_E2E = JSON.stringify({
    baseUrl: app.baseUrl,
    artifactsDir,
  });
  process.stdout.write(
    `app ready in ${Date.now() - started} ms at ${app.baseUrl} (log: ${
      app.logFile
    })\n`,
  );
}
