import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { KubeConfig, KubernetesObjectApi } from '@kubernetes/client-node';
import {
  MANAGED_BY_VALUE,
  StagecraftLabel,
} from '@stagecraft/plugin-stagecraft-common';
import { Knex } from 'knex';
import { DeploymentStore } from '../../database/DeploymentStore';
import { StatusStore } from '../../database/StatusStore';
import { entryId, InventoryEntry } from '../../inventory/inventory';

/**
 * What "nothing lost, nothing duplicated, nothing orphaned" means after a fault, for components
 * deployed once by the catalog trigger to one environment. Returns the differences found, so
 * a test can poll until none is left and then show any that remain.
 *
 * - one release per component, deployed in `environment`, synced at that release;
 * - history: exactly one deploy of that release (a retried or repeated deploy would add one);
 * - every object of every inventory is live, and no live component object of the project is
 *   outside the inventories (an object applied by a run that died before saving its inventory
 *   would be).
 */
export async function convergedStateProblems(o: {
  knex: Knex;
  kubeConfig: KubeConfig;
  project: string;
  components: Entity[];
  environment: string;
}): Promise<string[]> {
  const store = new DeploymentStore(o.knex);
  const status = new StatusStore(o.knex);
  const problems: string[] = [];
  const inventories: InventoryEntry[] = [];
  for (const component of o.components) {
    const ref = stringifyEntityRef(component);
    const releases = await store.listReleases(ref);
    const deployment = await store.getDeployment(ref, o.environment);
    const state = await status.get(ref, o.environment);
    const history = (await store.listHistory(ref)).map(
      h => `${h.action} ${h.environment} ${h.releaseId}`,
    );
    if (releases.length !== 1)
      problems.push(`${ref}: ${releases.length} releases`);
    if (deployment?.releaseId !== releases[0]?.id)
      problems.push(`${ref}: deployment ${deployment?.releaseId ?? 'missing'}`);
    if (
      state?.state !== 'synced' ||
      state.lastAppliedReleaseId !== deployment?.releaseId
    )
      problems.push(`${ref}: status ${state?.state} ${state?.reason ?? ''}`);
    const expected = [`deploy ${o.environment} ${deployment?.releaseId}`];
    if (JSON.stringify(history) !== JSON.stringify(expected))
      problems.push(`${ref}: history ${JSON.stringify(history)}`);
    const inventory = await store.getInventory(ref, o.environment);
    if (inventory.length === 0) problems.push(`${ref}: empty inventory`);
    inventories.push(...inventory);
  }

  const client = KubernetesObjectApi.makeApiClient(o.kubeConfig);
  const known = new Set(inventories.map(entryId));
  const selector = `${StagecraftLabel.ManagedBy}=${MANAGED_BY_VALUE},${StagecraftLabel.Project}=${o.project}`;
  const kinds = new Map(inventories.map(e => [`${e.apiVersion} ${e.kind}`, e]));
  for (const { apiVersion, kind } of kinds.values()) {
    const live = await client.list(
      apiVersion,
      kind,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      selector,
    );
    const liveIds = new Set<string>();
    for (const item of live.items) {
      const id = entryId({
        apiVersion,
        kind,
        namespace: item.metadata?.namespace,
        name: item.metadata!.name!,
      });
      liveIds.add(id);
      // The project's shared objects (Namespace, default-deny policy) belong to no component.
      const shared = !item.metadata?.labels?.[StagecraftLabel.Component];
      if (!known.has(id) && !shared) problems.push(`orphaned ${kind} ${id}`);
    }
    for (const entry of inventories.filter(
      e => e.apiVersion === apiVersion && e.kind === kind,
    ))
      if (!liveIds.has(entryId(entry)))
        problems.push(`missing ${kind} ${entryId(entry)}`);
  }
  return problems;
}
