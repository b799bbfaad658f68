import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { deployRelevantHash } from '@stagecraft/plugin-stagecraft-node';
import { createHash } from 'node:crypto';
import { deployToFirstStage } from './deployToFirstStage';
import { alreadyDeploys } from '../database/records';
import { shortReleaseId } from '../deployment/shortReleaseId';
import { releaseIdOf } from '../database/releaseId';
import { DeploymentStore } from '../database/DeploymentStore';
import type { StatusStore } from '../database/StatusStore';
import { DeploymentKey } from '../deployment/DeploymentKey';
import { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import { replanNeighbours } from '../plan/neighbours';
import { snapshotComponent, snapshotRelease } from '../plan/releaseSnapshot';

/** The actor recorded for deploys the catalog triggers. */
export const CATALOG_ACTOR = 'stagecraft:catalog-trigger';

/**
 * One pass of the catalog trigger. For every component with deploy intent: snapshot its intent
 * as a release (content-addressed, so unchanged intent yields the same release) and, when the
 * intent produced a release it had not produced last time, deploy that release to the first
 * environment of its pipeline — through the pipeline rule, so never into an approval-gated
 * stage (see deployToFirstStage). Later environments only change by promotion.
 *
 * Changes to what every compile reads (environments, endpoints, types, traits) change no
 * release; they queue every deployment instead, via `platformFingerprint`. A component whose
 * intent changed, that left the catalog or that lost its deploy intent has its neighbours'
 * deployments re-planned (`replanNeighbours`): their compiles read its entity. The latency from
 * a catalog edit to the apply is the catalog's processing interval plus this trigger's.
 */
export async function runCatalogTrigger(o: {
  catalog: CatalogSnapshot;
  store: DeploymentStore;
  enqueue: (key: DeploymentKey) => void;
  /** Neighbours to re-plan are marked pending here. */
  status: Pick<StatusStore, 'save'>;
  logger: LoggerService;
  /** Records each deploy attempt, refused ones included. */
  auditor: AuditorService;
  /** What the previous pass saw; returned anew for the next one. */
  previous?: CatalogTriggerMemory;
}): Promise<{
  released: number;
  deployed: number;
  memory: CatalogTriggerMemory;
}> {
  let released = 0;
  let deployed = 0;
  /** Each component whose entity changed for its neighbours: its versions, and how. */
  const changed: { versions: Entity[]; why: string }[] = [];
  const deployable = o.catalog
    .deployableComponents()
    .map(c => stringifyEntityRef(c));
  const wasDeployable = new Set(o.previous?.deployable);
  // Queued only once the pass has written every deploy: a provider's ingress admits the
  // consumers deployed in its environment, so one reconciled while the pass was still writing
  // its consumers would be applied (or committed) without them, then reopened by the re-plan
  // their arrival causes: a cut a GitOps agent would apply (docs/gitops.md).
  const admittedKeys: DeploymentKey[] = [];
  const fingerprint = platformFingerprint(o.catalog);
  const platformChanged = !o.previous || fingerprint !== o.previous.fingerprint;
  // A release recorded while its component had no pipeline (a catalog filling up after a
  // restore reads components before their pipeline) must be deployed once the pipeline is read:
  // asked only when the platform changed, for components never deployed anywhere.
  const everDeployed = platformChanged
    ? new Set((await o.store.listDeployments()).map(d => d.componentRef))
    : undefined;
  // Releases whose deploy the pipeline rule refused, audited once: `component@release@stage`.
  const refused = new Set(
    o.previous?.refused.filter(key =>
      deployable.includes(key.slice(0, key.indexOf('@'))),
    ),
  );
  const deployFirst = async (
    component: Entity,
    environment: string,
    releaseId: string,
  ) => {
    const componentRef = stringifyEntityRef(component);
    const key = `${componentRef}@${releaseId}@${environment}`;
    const admitted = await deployToFirstStage(o, {
      component,
      componentRef,
      environment,
      releaseId,
      actor: CATALOG_ACTOR,
      refusedBefore: refused.has(key),
    });
    if (admitted) {
      admittedKeys.push({ componentRef, environment });
      deployed++;
    } else refused.add(key);
  };
  // Read once: at 5,000 components a pass that asked for each head, and wrote each snapshot
  // again to learn its id, sent three queries per component, many passes a minute while a
  // catalog ingests. Only a component whose id differs costs queries: its head is read again
  // before anything is done for it, since another replica's pass may have moved it meanwhile
  // (a lease that lapsed under a long pass).
  const heads = await o.store.listCatalogHeads();
  try {
    for (const component of o.catalog.deployableComponents()) {
      const componentRef = stringifyEntityRef(component);
      const snapshot = snapshotRelease(
        o.catalog,
        component,
      ) as unknown as Record<string, unknown>;
      const releaseId = releaseIdOf(componentRef, snapshot);
      let head = heads.get(componentRef);
      if (head !== releaseId) head = await o.store.getCatalogHead(componentRef);
      if (head === releaseId) {
        // Back with the intent it had when it left the catalog or lost `spec.deploy`: no new
        // release, but its neighbours compiled it out meanwhile.
        if (o.previous && !wasDeployable.has(componentRef))
          changed.push({
            versions: [component],
            why: `${componentRef} is back in the catalog`,
          });
        const first = o.catalog.pipelineFor(component)?.stages[0]?.environment;
        // Refused before by the pipeline rule (a gated first stage), it is asked quietly, so a
        // platform change does not add a refused deploy for every such component. Recorded
        // again first (a no-op but for a release row gone missing): the deploy needs the row.
        if (first && everDeployed && !everDeployed.has(componentRef)) {
          await o.store.createRelease({
            componentRef,
            snapshot,
            createdBy: CATALOG_ACTOR,
          });
          await deployFirst(component, first, releaseId);
        }
        continue;
      }
      const release = await o.store.createRelease({
        componentRef,
        snapshot,
        createdBy: CATALOG_ACTOR,
      });
      released++;
      const previous = head ? await o.store.getRelease(head) : undefined;
      const before = previous && snapshotComponent(previous.snapshot);
      changed.push({
        versions: before ? [component, before] : [component],
        why: `${componentRef} changed in the catalog`,
      });
      const first = o.catalog.pipelineFor(component)?.stages[0]?.environment;
      // A backend killed after this deploy committed and before the head below was written
      // has deployed it already: a new process must not deploy it again (a second history
      // entry and audit event); it only queues it (faults/triggerCrashWindow.test.ts).
      const current = first
        ? await o.store.getDeployment(componentRef, first)
        : undefined;
      if (first && alreadyDeploys(current, release.id)) {
        admittedKeys.push({ componentRef, environment: first });
      } else if (first) {
        await deployFirst(component, first, release.id);
      } else {
        o.logger.info(
          `${componentRef} has a new release ${shortReleaseId(
            release.id,
          )} but no pipeline; deploy it through the API`,
        );
      }
      // Recorded last: if anything above fails, the next pass tries again.
      await o.store.setCatalogHead(componentRef, release.id);
    }
  } finally {
    // Even when the pass fails part-way: its recorded heads keep the next pass from deploying
    // these again.
    for (const key of admittedKeys) o.enqueue(key);
  }

  // A component that left the catalog, or lost `spec.deploy`, is no longer compiled as anyone's
  // consumer or provider, though no release says so: what it last released names whom it read.
  const now = new Set(deployable);
  const departed = [...wasDeployable].filter(ref => !now.has(ref));
  changed.push(...(await departedComponents(o.catalog, o.store, departed)));

  // Platform entities change every compile: queue every deployment. A component's entity is
  // read by its neighbours' compiles (a new dependency opens a provider's ingress, a removed one
  // closes it): re-plan theirs, in every environment. No-ops cost reads, not writes.
  if (o.previous && fingerprint !== o.previous.fingerprint) {
    for (const d of await o.store.listDeployments()) o.enqueue(d);
  } else if (changed.length > 0) {
    const deployments = await o.store.listDeployments();
    for (const { versions, why } of changed)
      await replanNeighbours({
        catalog: o.catalog,
        versions,
        deployments,
        why,
        status: o.status,
        enqueue: o.enqueue,
      });
  }
  return {
    released,
    deployed,
    memory: { fingerprint, deployable, refused: [...refused] },
  };
}

/** What one pass of the trigger leaves for the next to compare against. */
export interface CatalogTriggerMemory {
  /** `platformFingerprint` of the catalog. */
  fingerprint: string;
  /** The refs of the components with deploy intent. */
  deployable: string[];
  /** The first-stage deploys the pipeline rule refused, audited: `component@release@stage`. */
  refused: string[];
}

/** Components without deploy intent now, with their catalog entity and last release. */
async function departedComponents(
  catalog: CatalogSnapshot,
  store: DeploymentStore,
  departed: string[],
): Promise<{ versions: Entity[]; why: string }[]> {
  const out: { versions: Entity[]; why: string }[] = [];
  for (const ref of departed) {
    const head = await store.getCatalogHead(ref);
    const release = head ? await store.getRelease(head) : undefined;
    const entity = catalog.get(ref);
    const versions = [entity, release && snapshotComponent(release.snapshot)];
    out.push({
      versions: versions.filter((e): e is Entity => e !== undefined),
      why: `${ref} ${entity ? 'lost its deploy intent' : 'left the catalog'}`,
    });
  }
  return out;
}

/**
 * A hash of every non-component entity a compile reads. Of a System only that it exists: a
 * component whose System is not in the catalog does not compile (its description, owner and
 * the like change no compile).
 */
function platformFingerprint(catalog: CatalogSnapshot): string {
  const hash = createHash('sha256');
  // The catalog module's intent events use the same hash, so an event and this comparison
  // agree on what changed.
  const relevant = catalog.entities
    .filter(e => e.kind !== 'Component')
    .map(e => [stringifyEntityRef(e), deployRelevantHash(e) ?? ''])
    .sort(([a], [b]) => a.localeCompare(b));
  for (const [ref, entityHash] of relevant)
    hash.update(`${ref}\n${entityHash}\n`);
  return hash.digest('hex');
}
