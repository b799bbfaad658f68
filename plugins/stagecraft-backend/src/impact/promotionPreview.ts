import { stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError } from '@backstage/errors';
import { readableRefs } from '../actions/authorization';
import { pipelinePosition } from '../actions/pipelineRule';
import type { ActionContext } from '../actions/types';
import { readableCatalogComponent } from '../traffic/readableCatalogComponent';
import type { TrafficDeps } from '../traffic/TrafficDeps';
import { planWhatIf } from './hypotheticalPlan';
import { candidatePaths, diffPaths } from './pathDiff';
import { connectionChanges } from './releaseConnections';
import type { PromotionPreview } from './types';

/**
 * What promoting `componentRef` from `from` would do to the next stage's traffic, before it
 * runs: that stage planned as it is and as it would be with the release running in `from`
 * (the one `promote` carries on, found by the same pipeline rule), and every path either plan
 * could decide evaluated in both. Read-only; needs read permission on the component, and names
 * only paths whose both ends the caller may read.
 */
export async function previewPromotion(
  deps: TrafficDeps,
  o: { componentRef: string; from: string },
  ctx: ActionContext,
): Promise<PromotionPreview> {
  const catalog = await deps.catalog();
  const component = await readableCatalogComponent(
    deps,
    catalog,
    o.componentRef,
    ctx,
  );
  const componentRef = stringifyEntityRef(component);
  const { next } = pipelinePosition(catalog, component, componentRef, o.from);
  if (!next)
    throw new ConflictError(
      `"${o.from}" is the last stage of ${componentRef}'s pipeline: there is nothing to promote to`,
    );
  const source = await deps.store.getDeployment(componentRef, o.from);
  if (!source || source.desiredState !== 'deployed')
    throw new ConflictError(
      `${componentRef} is not deployed in ${o.from}: deploy it there first, then preview its promotion`,
    );
  const current = await deps.store.getDeployment(
    componentRef,
    next.environment,
  );
  const before = await planWhatIf(deps, {
    catalog,
    environment: next.environment,
  });
  const after = await planWhatIf(deps, {
    catalog,
    environment: next.environment,
    whatIf: { componentRef, releaseId: source.releaseId },
  });
  const paths = candidatePaths({
    catalog,
    plans: [before, after],
    subjectRef: componentRef,
  });
  const currentReleaseId =
    current?.desiredState === 'deployed' ? current.releaseId : undefined;
  const connections = await connectionChanges({
    store: deps.store,
    catalog,
    currentReleaseId,
    promotedReleaseId: source.releaseId,
    before,
    after,
  });
  const readable = await readableRefs(
    deps,
    [
      ...paths.flatMap(p => [p.fromRef, p.toRef]),
      ...[...connections.added, ...connections.dropped].map(p => p.toRef),
    ],
    ctx,
  );
  const visible = (p: { toRef: string }) => readable.has(p.toRef);
  const added = connections.added.filter(visible);
  const dropped = connections.dropped.filter(visible);
  return {
    componentRef,
    from: o.from,
    to: next.environment,
    releaseId: source.releaseId,
    ...(currentReleaseId ? { currentReleaseId } : {}),
    changes: diffPaths({ before, after, paths, readable }),
    connections: {
      added,
      dropped,
      unreadable:
        connections.added.length +
        connections.dropped.length -
        added.length -
        dropped.length,
    },
  };
}
