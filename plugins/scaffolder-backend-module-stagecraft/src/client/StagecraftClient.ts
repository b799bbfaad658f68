import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type {
  ApprovalRequest,
  DeploymentStatus,
} from '@stagecraft/plugin-stagecraft-common';

/** What a promotion did: deployed at once, or asked for an approval. */
export type PromotionOutcome =
  | { outcome: 'deployed'; deployment: DeploymentStatus }
  | { outcome: 'approval-requested'; approval: ApprovalRequest };

/** A component's deployments, as the control plane reports them. */
export interface ComponentStatus {
  componentRef: string;
  /** The newest release (the catalog's current intent), if any. */
  latestReleaseId?: string;
  deployments: DeploymentStatus[];
}

/**
 * The Stagecraft control plane as the scaffolder's actions see it. Every call runs in the
 * Stagecraft backend plugin as `credentials` (the user running the template), through the
 * same service functions, permission checks, pipeline rule and audit events as the REST API:
 * nothing here decides whether a write is allowed.
 */
export interface StagecraftClient {
  /**
   * Deploys the component's latest intent to `environment` (the pipeline's first stage when
   * absent); with `refresh` (the default) after the catalog re-reads the component, so a
   * commit made a moment ago is what gets deployed.
   */
  deploy(
    request: { component: string; environment?: string; refresh?: boolean },
    credentials: BackstageCredentials,
  ): Promise<DeploymentStatus>;
  /** Re-applies the release the environment already runs. */
  redeploy(
    request: { component: string; environment: string },
    credentials: BackstageCredentials,
  ): Promise<DeploymentStatus>;
  /** Promotes the release running in `from` to the next stage of the pipeline. */
  promote(
    request: { component: string; from: string },
    credentials: BackstageCredentials,
  ): Promise<PromotionOutcome>;
  /** The component's deployments in every environment. */
  getStatus(
    request: { component: string },
    credentials: BackstageCredentials,
  ): Promise<ComponentStatus>;
}
