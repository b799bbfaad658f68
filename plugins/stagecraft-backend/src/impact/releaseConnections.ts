import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import type { DeploymentStore } from '../database/DeploymentStore';
import type { EnvironmentPlan } from '../plan/planEnvironment';
import { snapshotComponent } from '../plan/releaseSnapshot';
import { declarationOf } from '../traffic/dependencyRule';
import { evaluatePath } from '../traffic/evaluatePath';
import { asEndpoint } from './dependants';
import { endpointProtocol } from './pathDiff';
import type { ConnectionChange, ImpactPath } from './types';

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/** The connections a release's pinned component declares, resolved in today's catalog. */
async function declaredBy(
  store: Pick<DeploymentStore, 'getRelease'>,
  catalog: CatalogSnapshot,
  releaseId: string | undefined,
): Promise<ImpactPath[]> {
  const release = releaseId ? await store.getRelease(releaseId) : undefined;
  const component = release && snapshotComponent(release.snapshot);
  if (!component) return [];
  const fromRef = stringifyEntityRef(component);
  const inCatalog: Entity | undefined = catalog.get(fromRef);
  return catalog.dependenciesOf(component).flatMap(d => {
    if (!d.endpoint || !d.provider) return [];
    const endpoint = asEndpoint(d.endpoint);
    return [
      {
        fromRef,
        toRef: stringifyEntityRef(d.provider),
        endpointRef: d.endpointRef,
        port: endpoint.spec.port,
        protocol: endpointProtocol(endpoint),
        declared:
          !!inCatalog && !!declarationOf(catalog, inCatalog, d.endpointRef),
      },
    ];
  });
}

/**
 * The connections a promotion adds or drops: the dependencies the promoted release declares
 * that the target's current release does not, and the reverse — each with what the planned
 * policies say before and after. A dropped connection is worth a warning even when its policy
 * already closed (a catalog change re-plans the provider's ingress in every environment at
 * once, before the consumer's new release reaches them).
 */
export async function connectionChanges(o: {
  store: Pick<DeploymentStore, 'getRelease'>;
  catalog: CatalogSnapshot;
  currentReleaseId?: string;
  promotedReleaseId: string;
  before: EnvironmentPlan;
  after: EnvironmentPlan;
}): Promise<{ added: ConnectionChange[]; dropped: ConnectionChange[] }> {
  const current = await declaredBy(o.store, o.catalog, o.currentReleaseId);
  const promoted = await declaredBy(o.store, o.catalog, o.promotedReleaseId);
  const key = (p: ImpactPath) => lower(`${p.endpointRef}`);
  const withVerdicts = (p: ImpactPath): ConnectionChange => {
    const allowed = (plan: EnvironmentPlan) =>
      evaluatePath({ plan, ...p }).allowed;
    return {
      ...p,
      allowedBefore: allowed(o.before),
      allowedAfter: allowed(o.after),
    };
  };
  const missingFrom = (list: ImpactPath[]) => (p: ImpactPath) =>
    !list.some(q => key(q) === key(p));
  return {
    added: promoted.filter(missingFrom(current)).map(withVerdicts),
    dropped: current.filter(missingFrom(promoted)).map(withVerdicts),
  };
}
