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
 * applies). Answers whether it deployed.
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
  },
): Promise<boolean> {
  const { componentRef, environment, releaseId, actor } = o;
  const meta = { actor, componentRef, environment, releaseId };
  const event = await deps.auditor.createEvent({
    eventId: 'deployment-deploy',
    severityLevel: 'medium',
    meta,
  });
  try {
    await checkStageEntry(deps.store, {
      componentRef,
      position: pipelinePosition(
        deps.catalog,
        o.component,
        componentRef,
        environment,
      ),
      releaseId,
      entry: { by: 'promotion' },
    });
    await deps.store.setDeployment({
      componentRef,
      environment,
      releaseId,
      desiredState: 'deployed',
      action: 'deploy',
      actor,
      details: { reason: 'catalog intent changed' },
    });
  } catch (error) {
    await event.fail({ meta, error: error as Error });
    if (!(error instanceof NotAllowedError)) throw error;
    deps.logger.warn(`catalog trigger deployed nothing: ${error.message}`);
    return false;
  }
  await event.success({ meta });
  return true;
}
