import { Config } from '@backstage/config';

/** `stagecraft.reconcile` with defaults; see config.d.ts in @stagecraft/plugin-stagecraft-node. */
export function readReconcileOptions(config: Config) {
  const c = config.getOptionalConfig('stagecraft.reconcile');
  const positive = (key: string, fallback: number) => {
    const value = c?.getOptionalNumber(key) ?? fallback;
    if (!(value > 0))
      throw new Error(
        `stagecraft.reconcile.${key} must be a positive number, got ${value}`,
      );
    return value;
  };
  const qps = c?.getOptionalNumber('qps') ?? 50;
  return {
    concurrency: positive('concurrency', 8),
    limits: { qps, burst: qps > 0 ? positive('burst', 100) : 1 },
    resyncIntervalSeconds: positive('resyncIntervalSeconds', 300),
    // The safety net behind the catalog module's intent events (docs/events.md).
    catalogPollSeconds: positive('catalogPollSeconds', 120),
    // How long reconciles share one catalog read when no trigger pass renewed it (CatalogSource).
    catalogSnapshotSeconds: positive('catalogSnapshotSeconds', 30),
    watchDrift: c?.getOptionalBoolean('watchDrift') ?? true,
  };
}
