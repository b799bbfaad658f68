import { clusterGlobalTeardown } from '@stagecraft/test-cluster';
import type { StartedApp } from './startApp';

export default async function globalTeardown(): Promise<void> {
  await (
    (globalThis as any).__stagecraftE2eApp as StartedApp | undefined
  )?.stop();
  await clusterGlobalTeardown();
}
