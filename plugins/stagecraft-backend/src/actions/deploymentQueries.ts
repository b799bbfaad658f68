import { NotFoundError } from '@backstage/errors';
import type {
  Deployment,
  DriftEvent,
  HistoryEntry,
  Release,
} from '../database/DeploymentStore';
import { readableComponent, readableRefs } from './authorization';
import { existingDeployment } from './deploymentLookups';
import { targetNameOf } from '../catalog/targetNameOf';
import type { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import {
  observeDeploymentStatus,
  observeDeploymentStatuses,
} from '../status/observeDeploymentStatus';
import { withCatalogHold } from '../catalog/withCatalogHold';
import type { ServiceDeps } from './ServiceDeps';
import type {
  ActionContext,
  ApprovalRequest,
  DeploymentStatus,
  DeploymentKey,
  ReadableDeployment,
} from './types';

/** The reads: each needs `stagecraft.deployment.read` on the component, checked first. */
export class DeploymentQueries {
  constructor(protected readonly deps: ServiceDeps) {}

  async listDeployments(
    componentRef: string,
    ctx: ActionContext,
  ): Promise<DeploymentStatus[]> {
    const { catalog } = await readableComponent(this.deps, componentRef, ctx);
    const deployments = await this.deps.store.listDeployments({ componentRef });
    return observeEach(this.deps, deployments, catalog);
  }

  async getDeployment(
    target: DeploymentKey,
    ctx: ActionContext,
  ): Promise<DeploymentStatus> {
    const { catalog } = await readableComponent(
      this.deps,
      target.componentRef,
      ctx,
    );
    const deployment = await existingDeployment(this.deps, target);
    return withCatalogHold(
      await observeDeploymentStatus(this.deps, deployment, catalog),
      catalog,
    );
  }

  async listEnvironmentDeployments(
    environment: string,
    ctx: ActionContext,
  ): Promise<DeploymentStatus[]> {
    const catalog = await this.deps.catalog();
    if (!catalog.environment(environment))
      throw new NotFoundError(
        `environment "${environment}" is not in the catalog`,
      );
    const deployments = await this.deps.store.listDeployments({ environment });
    const readable = await readableRefs(
      this.deps,
      deployments.map(d => d.componentRef),
      ctx,
    );
    return observeEach(
      this.deps,
      deployments.filter(d => readable.has(d.componentRef)),
      catalog,
    );
  }

  /**
   * A deployment the caller may read, with the catalog it was checked against; for the
   * runtime views, which need more of it than its status.
   */
  async readDeployment(
    target: DeploymentKey,
    ctx: ActionContext,
  ): Promise<ReadableDeployment> {
    const { catalog, component } = await readableComponent(
      this.deps,
      target.componentRef,
      ctx,
    );
    return {
      deployment: await existingDeployment(this.deps, target),
      catalog,
      component,
      targetName: targetNameOf(catalog, target.environment),
    };
  }

  async listReleases(
    componentRef: string,
    ctx: ActionContext,
  ): Promise<Release[]> {
    await readableComponent(this.deps, componentRef, ctx);
    return this.deps.store.listReleases(componentRef);
  }

  async listHistory(
    componentRef: string,
    environment: string | undefined,
    ctx: ActionContext,
  ): Promise<HistoryEntry[]> {
    await readableComponent(this.deps, componentRef, ctx);
    return this.deps.store.listHistory(componentRef, environment);
  }

  async listDrift(
    target: DeploymentKey,
    ctx: ActionContext,
  ): Promise<DriftEvent[]> {
    await readableComponent(this.deps, target.componentRef, ctx);
    return this.deps.store.listDrift(target.componentRef, target.environment);
  }

  async listApprovals(
    componentRef: string,
    ctx: ActionContext,
  ): Promise<ApprovalRequest[]> {
    await readableComponent(this.deps, componentRef, ctx);
    return this.deps.approvals.list(componentRef);
  }
}

/**
 * Cluster observations in flight at once for one listing. An environment of 5,000
 * deployments was 5,000 observations at once, which the backend held in memory together.
 */
const LISTING_CONCURRENCY = 16;

async function observeEach(
  deps: ServiceDeps,
  deployments: Deployment[],
  catalog: CatalogSnapshot,
): Promise<DeploymentStatus[]> {
  const statuses = await observeDeploymentStatuses(
    deps,
    deployments,
    catalog,
    LISTING_CONCURRENCY,
  );
  return statuses.map(s => withCatalogHold(s, catalog));
}
