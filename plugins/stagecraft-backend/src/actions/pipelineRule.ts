import type { Entity } from '@backstage/catalog-model';
import { ConflictError, NotAllowedError } from '@backstage/errors';
import type { PipelineStage } from '@stagecraft/plugin-stagecraft-common';
import type { CatalogSnapshot } from '../controlplane/CatalogSnapshot';
import type { DeploymentStore } from '../database/DeploymentStore';

/*
 * The pipeline rule, the one answer to "may release R enter stage S?" that every entry point
 * (REST, frontend, scaffolder and agent actions, all through DeploymentService) shares:
 *
 * - S must be a stage of the component's pipeline.
 * - By promotion (promote, approve, deploy): R is, or was, deployed in the stage before S
 *   (the first stage takes any release of the component). An approval-gated S also needs an
 *   approval of R into S decided by someone other than its requester.
 * - By rollback: R ran in S before (so it was admitted there once) and is not what runs now.
 *   No new approval: a rollback returns to a state S already had, and it is the way out of an
 *   incident, which must not wait for a second person. It still needs the production
 *   permission in a gated or production stage (see authorizeChange).
 *
 * Redeploy re-applies the release already in S and needs no rule; break-glass skips it under
 * a permission of its own and is marked as such in history.
 */

/** The decision an entry into an approval-gated stage rests on. */
export interface ApprovalDecision {
  id: number;
  environment: string;
  releaseId: string;
  requestedBy: string;
  /** Who is approving it (the caller, when the approval is being decided). */
  decidedBy: string;
}

/** How a release asks to enter a stage. */
export type StageEntry =
  | { by: 'promotion'; approval?: ApprovalDecision }
  | { by: 'rollback'; currentReleaseId: string };

/** Where an environment sits in a component's pipeline. */
export interface PipelinePosition {
  stages: PipelineStage[];
  stage: PipelineStage;
  /** The stage before; undefined for the first. */
  previous?: PipelineStage;
}

const short = (releaseId: string) => releaseId.slice(0, 12);

/** The component's stage for an environment; undefined when it has no pipeline or no such stage. */
export function stageIn(
  catalog: CatalogSnapshot,
  component: Entity,
  environment: string,
): PipelineStage | undefined {
  return catalog
    .pipelineFor(component)
    ?.stages.find(s => s.environment === environment);
}

/** Where `environment` sits in the component's pipeline; refused when it is not a stage of it. */
export function pipelinePosition(
  catalog: CatalogSnapshot,
  component: Entity,
  componentRef: string,
  environment: string,
): PipelinePosition {
  const stages = catalog.pipelineFor(component)?.stages;
  if (!stages)
    throw new ConflictError(
      `pipeline rule: ${componentRef} has no deployment pipeline, and releases enter environments only through one`,
    );
  const at = stages.findIndex(s => s.environment === environment);
  if (at < 0)
    throw new ConflictError(
      `pipeline rule: "${environment}" is not a stage of ${componentRef}'s pipeline (${stages
        .map(s => s.environment)
        .join(' → ')}), so nothing of it can be deployed there`,
    );
  return { stages, stage: stages[at], previous: stages[at - 1] };
}

/** Refuses, naming the rule, unless `releaseId` may enter the stage at `position` this way. */
export async function checkStageEntry(
  store: Pick<DeploymentStore, 'wasDeployedIn'>,
  o: {
    componentRef: string;
    position: PipelinePosition;
    releaseId: string;
    entry: StageEntry;
  },
): Promise<void> {
  const { stage, previous } = o.position;
  const release = `release ${short(o.releaseId)}`;
  if (o.entry.by === 'rollback') {
    if (o.entry.currentReleaseId === o.releaseId)
      throw new ConflictError(
        `${release} already runs in ${stage.environment}: there is nothing to roll back (redeploy re-applies it)`,
      );
    if (
      !(await store.wasDeployedIn(
        o.componentRef,
        stage.environment,
        o.releaseId,
      ))
    )
      throw new ConflictError(
        `pipeline rule: a rollback in ${stage.environment} returns to a release that ran there before, and ${release} never did; promote it instead`,
      );
    return;
  }

  if (
    previous &&
    !(await store.wasDeployedIn(
      o.componentRef,
      previous.environment,
      o.releaseId,
    ))
  )
    throw new ConflictError(
      `pipeline rule: a release enters ${stage.environment} only by promotion from ${previous.environment}, and ${release} has never been deployed in ${previous.environment}`,
    );
  if (!stage.requiresApproval) return;
  const approval = o.entry.approval;
  if (
    !approval ||
    approval.releaseId !== o.releaseId ||
    approval.environment !== stage.environment
  )
    throw new NotAllowedError(
      `pipeline rule: ${
        stage.environment
      } requires an approved promotion; promote ${release} from ${
        previous?.environment ?? 'the stage before'
      } and have someone other than the requester approve it`,
    );
  if (approval.decidedBy === approval.requestedBy)
    throw new NotAllowedError(
      `pipeline rule: a promotion cannot be approved by the person who requested it (${approval.requestedBy})`,
    );
}
