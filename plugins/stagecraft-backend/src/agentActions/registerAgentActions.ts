import type { AgentActionDeps } from './AgentActionDeps';
import {
  registerApprovePromotionAction,
  registerDenyPromotionAction,
} from './approvalDecisionActions';
import {
  registerRedeployAction,
  registerRollbackAction,
  registerUndeployAction,
} from './deploymentWriteActions';
import { registerDeployAction } from './deployAction';
import { registerCostRecommendationsAction } from './costRecommendationsAction';
import { registerCostsAction } from './costsAction';
import { registerDiagnoseAction } from './diagnoseAction';
import { registerDiffEnvironmentsAction } from './diffEnvironmentsAction';
import { registerExplainTrafficAction } from './explainTrafficAction';
import { registerGetDependenciesAction } from './getDependenciesAction';
import { registerGetComponentStatusAction } from './getComponentStatusAction';
import { registerGetDeploymentHistoryAction } from './getDeploymentHistoryAction';
import { registerGetErrorTracesAction } from './getErrorTracesAction';
import { registerGetLogsAction } from './getLogsAction';
import { registerGetManifestsAction } from './getManifestsAction';
import { registerGetMetricsSummaryAction } from './getMetricsSummaryAction';
import { registerGetRuntimeAction } from './getRuntimeAction';
import { registerGetUsageAction } from './getUsageAction';
import { registerImpactAction } from './impactAction';
import { registerListApprovalsAction } from './listApprovalsAction';
import { registerListProjectsAction } from './listProjectsAction';
import { registerPreviewPromotionAction } from './previewPromotionAction';
import { registerPromoteAction } from './promoteAction';
import { registerValidateEntitiesAction } from './validateEntitiesAction';

export type { AgentActionDeps } from './AgentActionDeps';

/**
 * Every Stagecraft action in Backstage's actions registry (ids `stagecraft:<name>`), which the
 * MCP actions backend serves as tools. Each one calls the deployment or runtime service with
 * the invoking caller's credentials: an agent gets exactly what its caller may do, with the
 * same pipeline rule and audit events as the REST API. One line per action.
 */
const AGENT_ACTIONS: ReadonlyArray<(deps: AgentActionDeps) => void> = [
  // Reads
  registerListProjectsAction,
  registerGetComponentStatusAction,
  registerGetDeploymentHistoryAction,
  registerListApprovalsAction,
  registerGetRuntimeAction,
  registerGetLogsAction,
  registerGetManifestsAction,
  registerDiffEnvironmentsAction,
  registerGetDependenciesAction,
  registerExplainTrafficAction,
  registerValidateEntitiesAction,
  registerGetUsageAction,
  registerGetMetricsSummaryAction,
  registerGetErrorTracesAction,
  registerDiagnoseAction,
  registerCostsAction,
  registerCostRecommendationsAction,
  registerImpactAction,
  registerPreviewPromotionAction,
  // Writes
  registerDeployAction,
  registerRedeployAction,
  registerPromoteAction,
  registerApprovePromotionAction,
  registerDenyPromotionAction,
  registerRollbackAction,
  registerUndeployAction,
];

export function registerAgentActions(deps: AgentActionDeps): void {
  for (const register of AGENT_ACTIONS) register(deps);
}
