import { entryId, InventoryEntry } from '../inventory/inventory';
import type { WorkloadObservation } from '../rollout/WorkloadRollout';

/**
 * The kinds whose live objects a workload observation judges (targets/observeWorkloads.ts) and
 * whose versions say when to judge again. Not CronJob: its verdict is its newest Job's, and a
 * Job run by hand (`kubectl create job --from=cronjob/…`) can fail without the CronJob's
 * version moving, so a deployment with a CronJob is always read live (two requests).
 */
const JUDGED_KINDS = new Set(['Deployment', 'HorizontalPodAutoscaler']);

/** The newest resourceVersion the drift watches know of an object; undefined: read it live. */
export interface KnownVersions {
  versionOf(object: InventoryEntry): string | undefined;
}

interface Remembered {
  /** The judged objects' versions when the observation was read, in key order. */
  versions: string;
  observation: WorkloadObservation;
}

/**
 * Answers a deployment's status from the drift watches while nothing it was judged from has
 * changed. Every status read (the Deploy tab re-reads every 5 s while it is open, the
 * environment page lists every deployment) used to read each workload and list its pods: at
 * 5,000 deployments one environment listing was 10,000 requests to the API server.
 *
 * An observation is remembered with the resourceVersions of the Deployments and autoscalers it
 * judged, taken before the read, and served again while the watches are current and know each
 * of those objects at the same version: the verdict (deploymentRollout) is a function of those
 * objects and of the pods being deleted, and only the pods are not watched. A rollout, a scale,
 * a pod replaced or gone unready: each changes the Deployment's status, so its version, so the
 * next read is live again. Not remembered: an observation that counted terminating pods (they
 * can go without the Deployment changing), a read that failed, and every deployment with a
 * CronJob (see JUDGED_KINDS). Remembering only `synced` was not enough: a deployment that stays
 * in progress or degraded (an image that never pulls, a cluster without nodes) was read live on
 * every status read — at 5,000 of them, 10,000 requests per environment listing.
 */
export class WorkloadObservationCache {
  private readonly remembered = new Map<string, Remembered>();

  constructor(
    private readonly known: KnownVersions,
    private readonly maxEntries = 50_000,
  ) {}

  async observe(
    inventory: InventoryEntry[],
    read: () => Promise<WorkloadObservation | undefined>,
  ): Promise<WorkloadObservation | undefined> {
    if (inventory.some(e => e.kind === 'CronJob')) return read();
    const judged = inventory
      .filter(e => JUDGED_KINDS.has(e.kind))
      .map(e => ({ id: entryId(e), version: this.known.versionOf(e) }))
      .sort((a, b) => a.id.localeCompare(b.id));
    if (judged.length === 0) return read();
    const key = judged.map(j => j.id).join('\n');
    const versions = judged.every(j => j.version !== undefined)
      ? judged.map(j => j.version).join(',')
      : undefined;
    const hit = this.remembered.get(key);
    if (versions !== undefined && hit?.versions === versions)
      return hit.observation;
    const observation = await read();
    this.remembered.delete(key);
    if (
      versions !== undefined &&
      observation &&
      (observation.replicas?.terminating ?? 0) === 0
    ) {
      // Deployments undeployed long ago leave entries behind; the oldest go first.
      if (this.remembered.size >= this.maxEntries)
        this.remembered.delete(this.remembered.keys().next().value!);
      this.remembered.set(key, { versions, observation });
    }
    return observation;
  }
}
