import {
  DeploymentStatus,
  rollbackTargets,
  RollbackTarget,
} from '@stagecraft/plugin-stagecraft-common';
import type { EnvironmentStage } from '../pipeline/environmentStages';
import type { DeploymentHistoryState } from '../useDeploymentHistory';

/** What a rollback in one environment may return to, or why it cannot happen. */
export type RollbackChoice =
  | { targets: RollbackTarget[]; blocker?: undefined }
  | { blocker: string };

/**
 * The pipeline rule's answer for a rollback, from what the tab already loaded: only to a
 * release that ran in this environment before and is not running now, and only in a stage of
 * the component's pipeline. Unknown (history still loading or unreadable) counts as no.
 */
export function rollbackChoice(
  stage: EnvironmentStage,
  deployment: DeploymentStatus,
  history: DeploymentHistoryState,
): RollbackChoice {
  const { environment } = stage;
  if (stage.outsidePipeline)
    return {
      blocker: `${environment} is not a stage of this component's pipeline, so nothing can be rolled back there.`,
    };
  if (!history.records)
    return {
      blocker: history.error
        ? `Could not read the history, which says what ran in ${environment}: ${history.error.message}`
        : `Reading which releases ran in ${environment}…`,
    };
  const targets = rollbackTargets(
    history.records,
    environment,
    deployment.releaseId,
    stage.requiresApproval,
  );
  if (targets.length === 0)
    return {
      blocker: `No other release has run in ${environment}: a rollback returns only to one that did.`,
    };
  return { targets };
}
