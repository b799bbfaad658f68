import type { Entity } from '@backstage/catalog-model';
import { ConflictError, NotAllowedError } from '@backstage/errors';
import {
  isRunEvidence,
  approvalGatedEnvironments,
  PipelineStage,
  StageProtection,
} from '@stagecraft/plugin-stagecraft-common';
import type { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import type { DeploymentStore } from '../database/DeploymentStore';
import { sameActor } from './actorOf';
import { shortReleaseId } from '../deployment/shortReleaseId';

/*
 * The pipeline rule, the one answer to "may release R enter stage S?". Every deployment
 * change goes through it: the REST API (and the portal, which calls it) via DeploymentService,
 * and the catalog trigger, which deploys new releases to the first stage. (There are no
 * scaffolder or agent actions that deploy yet; any added must call DeploymentService.)
 *
 * - S must be a stage of the component's pipeline.
 * - How protected S is does not depend on that pipeline, which the component's owner picks
 *   with an annotation: S is approval-gated when its Environment says `production: true` or
 *   ANY pipeline in the catalog gates it (stageProtection, strictest wins).
 * - By promotion (promote, approve, deploy, the catalog trigger): R is, or was, deployed in the
 *   stage before S (the first stage takes any release of the component). An approval-gated S
 *   also needs an approval of R into S decided by someone other than its requester — so
 *   nothing enters a gated first stage by promotion at all.
 * - By rollback, or by redeploying an undeployed deployment: R ran in S before and is not what
 *   runs now; in a gated S only an approved promotion or a break-glass deploy counts as having
 *   run there. No new approval: it returns to a state S already had, and a rollback is the way
 *   out of an incident, which must not wait for a second person. It still needs the production
 *   permission in a gated stage (see authorizeChange).
 *
 * Redeploying a running release needs only S to be a stage; break-glass skips the order and
 * the approval (not the stage) under a permission of its own and is marked as such in history.
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
  /** Back to a release that ran there: `currentReleaseId` runs now (none when undeployed). */
  | { by: 'rollback' | 'redeploy'; currentReleaseId?: string };

/** Where an environment sits in a component's pipeline, each stage as protected as it is. */
export interface PipelinePosition {
  stages: PipelineStage[];
  stage: PipelineStage;
  /** The stage before; undefined for the first. */
  previous?: PipelineStage;
  /** The stage after; undefined for the last. */
  next?: PipelineStage;
}

const gatedByCatalog = new WeakMap<CatalogSnapshot, Set<string>>();

/**
 * How protected an environment is, for every check that asks: the pipeline rule (approvals),
 * the catalog trigger (through the rule) and authorizeChange (the production permission).
 * Approval-gated when it is flagged `production: true` or any DeploymentPipeline gates it —
 * never only when the component's own pipeline says so.
 */
export function stageProtection(
  catalog: CatalogSnapshot,
  environment: string,
): StageProtection {
  let gated = gatedByCatalog.get(catalog);
  if (!gated) {
    gated = approvalGatedEnvironments(catalog.entities);
    gatedByCatalog.set(catalog, gated);
  }
  const spec = catalog.environment(environment)?.spec as
    | { production?: unknown }
    | undefined;
  return {
    production: spec?.production === true,
    requiresApproval: gated.has(environment),
  };
}

/** Where `environment` sits in the component's pipeline; refused when it is not a stage of it. */
export function pipelinePosition(
  catalog: CatalogSnapshot,
  component: Entity,
  componentRef: string,
  environment: string,
): PipelinePosition {
  const stages = catalog.pipelineFor(component)?.stages.map(s => ({
    environment: s.environment,
    requiresApproval: stageProtection(catalog, s.environment).requiresApproval,
  }));
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
  return {
    stages,
    stage: stages[at],
    previous: stages[at - 1],
    next: stages[at + 1],
  };
}

/** Refuses, naming the rule, unless `releaseId` may enter the stage at `position` this way. */
export async function checkStageEntry(
  store: Pick<DeploymentStore, 'wasDeployedIn' | 'listHistory'>,
  o: {
    componentRef: string;
    position: PipelinePosition;
    releaseId: string;
    entry: StageEntry;
  },
): Promise<void> {
  const { stage, previous } = o.position;
  const release = `release ${shortReleaseId(o.releaseId)}`;
  if (o.entry.by !== 'promotion') {
    if (o.entry.currentReleaseId === o.releaseId)
      throw new ConflictError(
        `${release} already runs in ${stage.environment}: there is nothing to roll back (redeploy re-applies it)`,
      );
    if (!(await ranIn(store, o.componentRef, stage, o.releaseId)))
      throw new ConflictError(
        `pipeline rule: a ${o.entry.by} in ${stage.environment} returns to a release that ran there before, and ${release} never did; promote it instead`,
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
  if (!previous)
    throw new NotAllowedError(
      `pipeline rule: ${stage.environment} requires an approved promotion, and as the first stage of ${o.componentRef}'s pipeline nothing is promoted into it, so ${release} is not deployed there; start the pipeline with a stage that does not require approval`,
    );
  const approval = o.entry.approval;
  if (
    !approval ||
    approval.releaseId !== o.releaseId ||
    approval.environment !== stage.environment
  )
    throw new NotAllowedError(
      `pipeline rule: ${stage.environment} requires an approved promotion; promote ${release} from ${previous.environment} and have someone other than the requester approve it`,
    );
  if (sameActor(approval.decidedBy, approval.requestedBy))
    throw new NotAllowedError(
      `pipeline rule: a promotion cannot be approved by the person who requested it (${approval.requestedBy})`,
    );
}

/**
 * Whether a release ran in a stage, as evidence for returning to it (`isRunEvidence`, shared
 * with the portal's rollback picker: in a gated stage only what the rule admitted counts).
 */
async function ranIn(
  store: Pick<DeploymentStore, 'wasDeployedIn' | 'listHistory'>,
  componentRef: string,
  stage: PipelineStage,
  releaseId: string,
): Promise<boolean> {
  if (!stage.requiresApproval)
    return store.wasDeployedIn(componentRef, stage.environment, releaseId);
  const history = await store.listHistory(componentRef, stage.environment);
  return history.some(e => e.releaseId === releaseId && isRunEvidence(e, true));
}
