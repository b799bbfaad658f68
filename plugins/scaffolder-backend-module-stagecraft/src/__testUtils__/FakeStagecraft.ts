import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import type {
  ApprovalRequest,
  DeploymentStatus,
} from '@stagecraft/plugin-stagecraft-common';
import type {
  ComponentStatus,
  PromotionOutcome,
  StagecraftClient,
} from '../client/StagecraftClient';

/** A deployment as the control plane would answer it, with what a test needs set. */
export function deploymentOf(
  patch: Partial<DeploymentStatus> & {
    sync?: Partial<DeploymentStatus['sync']>;
  } = {},
): DeploymentStatus {
  const { sync, ...rest } = patch;
  return {
    componentRef: 'component:default/payments-api',
    environment: 'dev',
    target: 'local',
    releaseId: 'a'.repeat(64),
    desiredState: 'deployed',
    generation: 1,
    updatedBy: 'user:default/mock',
    updatedAt: '2026-11-30T12:00:00.000Z',
    urls: [],
    pendingConnections: [],
    ...rest,
    sync: { state: 'pending', reason: 'queued', ...sync },
  };
}

/**
 * A control plane in memory for the actions' unit tests: records every write and who asked,
 * refuses writes to anyone but `allowed`, and walks each deployment through the states a test
 * scripts (`progress`), one per status read.
 */
export class FakeStagecraft implements StagecraftClient {
  readonly writes: { call: string; by: string; request: object }[] = [];
  /** The states later status reads return, in order; the last one stays. */
  progress: DeploymentStatus[] = [];
  promotion?: PromotionOutcome;
  /** How many deploys answer that the component is not in the catalog (yet). */
  unknownFor = 0;
  /** Deploys to this environment answer that it is not in the catalog. */
  unknownEnvironment?: string;

  constructor(private readonly allowed = 'user:default/mock') {}

  async deploy(
    request: { component: string; environment?: string; refresh?: boolean },
    credentials: BackstageCredentials,
  ): Promise<DeploymentStatus> {
    if (request.environment && request.environment === this.unknownEnvironment)
      throw new NotFoundError(
        `stagecraft:deploy: environment "${request.environment}" is not in the catalog`,
      );
    if (this.unknownFor > 0) {
      this.unknownFor -= 1;
      throw new NotFoundError(
        `stagecraft:deploy: ${request.component} is not in the catalog`,
      );
    }
    this.write('deploy', request, credentials);
    return deploymentOf({
      componentRef: request.component,
      environment: request.environment ?? 'dev',
      generation: this.writes.length,
    });
  }

  async redeploy(
    request: { component: string; environment: string },
    credentials: BackstageCredentials,
  ): Promise<DeploymentStatus> {
    this.write('redeploy', request, credentials);
    return deploymentOf({
      ...request,
      componentRef: request.component,
      generation: this.writes.length,
    });
  }

  async promote(
    request: { component: string; from: string },
    credentials: BackstageCredentials,
  ): Promise<PromotionOutcome> {
    this.write('promote', request, credentials);
    return (
      this.promotion ?? {
        outcome: 'deployed',
        deployment: deploymentOf({ environment: 'staging', generation: 1 }),
      }
    );
  }

  async getStatus(request: { component: string }): Promise<ComponentStatus> {
    const current =
      this.progress.length > 1 ? this.progress.shift()! : this.progress[0];
    return {
      componentRef: request.component,
      deployments: current ? [current] : [],
    };
  }

  private write(
    call: string,
    request: object,
    credentials: BackstageCredentials,
  ) {
    const by =
      (credentials.principal as { userEntityRef?: string }).userEntityRef ??
      'service';
    if (by !== this.allowed)
      throw new NotAllowedError(
        `stagecraft:${call}: ${by} may not ${call} component:default/payments-api: only its owners (team-payments) may`,
      );
    this.writes.push({ call, by, request });
  }
}

/** An approval request as the control plane answers a gated promotion. */
export function approvalOf(
  patch: Partial<ApprovalRequest> = {},
): ApprovalRequest {
  return {
    id: 7,
    componentRef: 'component:default/payments-api',
    environment: 'production',
    releaseId: 'a'.repeat(64),
    fromEnvironment: 'staging',
    requestedBy: 'user:default/mock',
    requestedAt: '2026-11-30T12:00:00.000Z',
    state: 'pending',
    ...patch,
  };
}
