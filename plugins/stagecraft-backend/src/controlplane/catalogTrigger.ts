import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { createHash } from 'node:crypto';
import { DeploymentStore } from '../database/DeploymentStore';
import { DeploymentKey } from '../targets/DataPlane';
import { CatalogSnapshot } from './CatalogSnapshot';
import { deploymentsToReplan } from './neighbours';
import { snapshotComponent, snapshotRelease } from './releaseSnapshot';

/** The actor recorded for deploys the catalog triggers. */
export const CATALOG_ACTOR = 'stagecraft:catalog-trigger';

/**
 * One pass of the catalog trigger. For every component with deploy intent: snapshot its intent
 * as a release (content-addressed, so unchanged intent yields the same release) and, when the
 * intent produced a release it had not produced last time, deploy that release to the first
 * environment of its pipeline. Later environments only change by promotion.
 *
 * Changes to what every compile reads (environments, endpoints, types, traits) change no
 * release; they queue every deployment instead, via `platformFingerprint`. A changed component
 * queues its neighbours' deployments (see `neighboursOf`). The latency from a
 * catalog edit to the apply is the catalog's processing interval plus this trigger's.
 */
export async function runCatalogTrigger(o: {
  catalog: CatalogSnapshot;
  store: DeploymentStore;
  enqueue: (key: DeploymentKey) => void;
  logger: LoggerService;
  /** The fingerprint of the previous pass; returned anew for the next one. */
  previousFingerprint?: string;
}): Promise<{ released: number; deployed: number; fingerprint: string }> {
  let released = 0;
  let deployed = 0;
  /** Every version, new and previous, of each component whose intent changed. */
  const changed: Entity[][] = [];
  for (const component of o.catalog.deployableComponents()) {
    const componentRef = stringifyEntityRef(component);
    const release = await o.store.createRelease({
      componentRef,
      snapshot: snapshotRelease(o.catalog, component) as unknown as Record<
        string,
        unknown
      >,
      createdBy: CATALOG_ACTOR,
    });
    const head = await o.store.getCatalogHead(componentRef);
    if (head === release.id) continue;
    released++;
    const previous = head ? await o.store.getRelease(head) : undefined;
    const before = previous && snapshotComponent(previous.snapshot);
    changed.push(before ? [component, before] : [component]);
    const first = o.catalog.pipelineFor(component)?.stages[0]?.environment;
    if (first) {
      await o.store.setDeployment({
        componentRef,
        environment: first,
        releaseId: release.id,
        desiredState: 'deployed',
        action: 'deploy',
        actor: CATALOG_ACTOR,
        details: { reason: 'catalog intent changed' },
      });
      o.enqueue({ componentRef, environment: first });
      deployed++;
    } else {
      o.logger.info(
        `${componentRef} has a new release ${release.id.slice(
          0,
          12,
        )} but no pipeline; deploy it through the API`,
      );
    }
    // Recorded last: if anything above fails, the next pass tries again.
    await o.store.setCatalogHead(componentRef, release.id);
  }

  // Platform entities change every compile: queue every deployment. A component's entity is
  // read by its neighbours' compiles (a new dependency opens a provider's ingress, a removed one
  // closes it): queue theirs, in every environment. No-ops cost reads, not writes.
  const fingerprint = platformFingerprint(o.catalog);
  if (o.previousFingerprint && fingerprint !== o.previousFingerprint) {
    for (const d of await o.store.listDeployments()) o.enqueue(d);
  } else if (changed.length > 0) {
    const deployments = await o.store.listDeployments();
    for (const versions of changed) {
      for (const key of deploymentsToReplan({
        catalog: o.catalog,
        versions,
        deployments,
      }))
        o.enqueue(key);
    }
  }
  return { released, deployed, fingerprint };
}

/** A hash of every non-component entity a compile reads. */
function platformFingerprint(catalog: CatalogSnapshot): string {
  const hash = createHash('sha256');
  const relevant = catalog.entities
    .filter(e => e.kind !== 'Component' && e.kind !== 'System')
    .map(e => [stringifyEntityRef(e), JSON.stringify(e.spec ?? {})])
    .sort(([a], [b]) => a.localeCompare(b));
  for (const [ref, spec] of relevant) hash.update(`${ref}\n${spec}\n`);
  return hash.digest('hex');
}
