import type {
  AuditorService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import type { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import type { DeploymentStore } from '../database/DeploymentStore';
import { checkStageEntry, pipelinePosition } from '../actions/pipelineRule';

/**
 * The catalog trigger's deploy of a new release to its pipeline's first stage, through the
 * pipeline rule like every other entry: admitted by promotion without an approval, so never
 * into an approval-gated stage (production, or gated by any pipeline). The pipeline is the
 * component owner's choice (its annotation), and one that starts with production must not
 * turn a catalog edit into a production deploy.
 *
 * Each attempt is one `deployment-deploy` audit event by `actor`; a refusal is also logged as
 * a warning and deploys nothing (the release stays available to the API, where the same rule
 * applies). Answers whether it was admitted: deployed now, or found deploying the release
 * already (a caller deployed it meanwhile); either way the deployment is to be queued.
 *
 * A release whose refusal here was audited already (`refusedBefore`, which the trigger
 * remembers between passes, see runCatalogTrigger) asks the rule first and, refused again,
 * attempts nothing: a gated first stage refuses it on every platform change until the pipeline
 * changes — one refused deploy and audit event per release, not per catalog pass. Anything
 * but the rule's refusal goes on to the audited attempt.
 */
export async function deployToFirstStage(
  deps: {
    catalog: CatalogSnapshot;
    store: DeploymentStore;
    auditor: AuditorService;
    logger: LoggerService;
  },
  o: {
    component: Entity;
    componentRef: string;
    environment: string;
    releaseId: string;
    actor: string;
    refusedBefore?: boolean;
  },
): Promise<boolean> {
  const { componentRef, environment, releaseId, actor } = o;
  if (o.refusedBefore) {
    const refusal = await admit(deps, o).then(
      () => undefined,
      error => (error instanceof NotAllowedError ? error : undefined),
    );
    if (refusal) {
      deps.logger.debug(`catalog trigger retried nothing: ${refusal.message}`);
      return false;
    }
  }
  const meta: Record<string, string | boolean> = {
    actor,
    componentRef,
    environment,
    releaseId,
  };
  const event = await deps.auditor.createEvent({
    eventId: 'deployment-deploy',
    severityLevel: 'medium',
    meta,
  });
  try {
    await admit(deps, o);
    // A caller who deployed the same release meanwhile (the golden path's stagecraft:deploy
    // does, right after registering) has recorded it already: not recorded a second time.
    const { written } = await deps.store.deployUnlessAlready({
      componentRef,
      environment,
      releaseId,
      action: 'deploy',
      actor,
      details: { reason: 'catalog intent changed' },
    });
    if (!written) meta.unchanged = true;
  } catch (error) {
    await event.fail({ meta, error: error as Error });
    if (!(error instanceof NotAllowedError)) throw error;
    deps.logger.warn(`catalog trigger deployed nothing: ${error.message}`);
    return false;
  }
  await event.success({ meta });
  return true;
}

/** The pipeline rule's answer for this entry: by promotion, without an approval. */
async function admit(
  deps: { catalog: CatalogSnapshot; store: DeploymentStore },
  o: {
    component: Entity;
    componentRef: string;
    environment: string;
    releaseId: string;
  },
): Promise<void> {
  await checkStageEntry(deps.store, {
    componentRef: o.componentRef,
    position: pipelinePosition(
      deps.catalog,
      o.component,
      o.componentRef,
      o.environment,
    ),
    releaseId: o.releaseId,
    entry: { by: 'promotion' },
  });
}
