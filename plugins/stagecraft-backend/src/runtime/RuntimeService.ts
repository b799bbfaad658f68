import { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  projectNameOf,
  type RuntimeSnapshot,
} from '@stagecraft/plugin-stagecraft-common';
import {
  CompilerExtensions,
  serializeManifests,
} from '@stagecraft/plugin-stagecraft-node';
import {
  ActionContext,
  DeploymentKey,
  LogQuery,
  LogSource,
  ReadableDeployment,
  RuntimeActions,
} from '../actions/types';
import { planStoredDeployment } from '../plan/planStoredDeployment';
import { DeploymentStore } from '../database/DeploymentStore';
import { InventoryEntry } from '../inventory/inventory';
import { DataPlane, LiveCluster } from '../targets/DataPlane';
import { LinkTemplate, renderLinks } from './linkTemplates';
import { runtimeSnapshot } from './runtimeSnapshot';
import { TargetRuntime, TargetRuntimes } from './TargetRuntimes';

/** What {@link RuntimeService} is built from. */
export interface RuntimeServiceDeps {
  /** Resolves a deployment and checks that the caller may read it. */
  deployments: {
    readDeployment(
      target: DeploymentKey,
      ctx: ActionContext,
    ): Promise<ReadableDeployment>;
  };
  store: Pick<
    DeploymentStore,
    'getInventory' | 'getRelease' | 'listDeployments'
  >;
  dataPlanes: ReadonlyMap<string, DataPlane>;
  /** From `stagecraft.links`, validated at start-up. */
  links: LinkTemplate[];
  extensions?: CompilerExtensions;
  logger: LoggerService;
  /** How long a request waits for a target's first lists. Default 10 s. */
  readyTimeoutMs?: number;
}

/** A deployment on a target with a live cluster, where it lives and what the cache knows of it. */
export interface ClusterDeployment {
  runtime: TargetRuntime;
  inventory: InventoryEntry[];
  namespaces: string[];
  component: string;
}

const hasCluster = (
  plane: DataPlane,
): plane is DataPlane & { cluster: LiveCluster } => plane.cluster !== undefined;

/**
 * The runtime views of a deployment: pods, events and usage from the target's runtime cache,
 * logs from the pod log API, rendered manifests and observability links. Every read starts with
 * `readDeployment`, which checks `stagecraft.deployment.read` on the component.
 */
export class RuntimeService implements RuntimeActions {
  private readonly targets: TargetRuntimes;

  constructor(private readonly deps: RuntimeServiceDeps) {
    this.targets = new TargetRuntimes(deps.logger);
  }

  async getRuntime(
    target: DeploymentKey,
    ctx: ActionContext,
  ): Promise<RuntimeSnapshot> {
    const located = await this.locate(target, ctx);
    if (located.kind === 'unavailable')
      return {
        ...target,
        available: false,
        reason: located.reason,
        pods: [],
        events: [],
      };
    const { cluster } = located;
    const namespaces = await Promise.all(
      cluster.namespaces.map(async namespace => ({
        namespace,
        objects: cluster.runtime.cache.objectsOf(namespace, cluster.component),
        usage: await cluster.runtime.metrics.usage(
          namespace,
          cluster.component,
        ),
      })),
    );
    return runtimeSnapshot({
      ...target,
      inventory: cluster.inventory,
      namespaces,
    });
  }

  async openLogs(
    target: DeploymentKey,
    query: LogQuery,
    ctx: ActionContext,
  ): Promise<LogSource[]> {
    const located = await this.locate(target, ctx);
    if (located.kind === 'unavailable') throw new ConflictError(located.reason);
    const { cluster } = located;
    const pods = cluster.namespaces
      .flatMap(
        ns => cluster.runtime.cache.objectsOf(ns, cluster.component).pods,
      )
      .filter(pod => !query.pod || pod.name === query.pod);
    if (query.pod && pods.length === 0)
      throw new NotFoundError(
        `pod "${query.pod}" is not a pod of ${target.componentRef} in ${target.environment}`,
      );
    const sources = pods.flatMap(pod =>
      pod.containers
        .filter(c => !query.container || c.name === query.container)
        .map(c => ({
          namespace: pod.namespace,
          pod: pod.name,
          container: c.name,
        })),
    );
    if (query.container && sources.length === 0)
      throw new NotFoundError(
        `no pod of ${target.componentRef} in ${target.environment} has a container "${query.container}"`,
      );
    return sources.map(source => ({
      pod: source.pod,
      container: source.container,
      lines: signal =>
        cluster.runtime.logs.lines({ ...query, ...source }, signal),
    }));
  }

  async getManifests(
    target: DeploymentKey,
    ctx: ActionContext,
  ): Promise<string> {
    const found = await this.deps.deployments.readDeployment(target, ctx);
    const plan = await this.plan(found);
    if (!plan.valid)
      throw new ConflictError(
        `${target.componentRef} does not compile for ${target.environment}: ${plan.reason}`,
      );
    return serializeManifests([...plan.shared, ...plan.manifests]);
  }

  async listLinks(target: DeploymentKey, ctx: ActionContext) {
    const found = await this.deps.deployments.readDeployment(target, ctx);
    return renderLinks(this.deps.links, {
      project: projectNameOf(found.component) ?? '',
      component: found.component.metadata.name,
      environment: target.environment,
      namespace: (await this.namespaceOf(found)) ?? '',
    });
  }

  /** Stops the runtime caches' watches. */
  async stop(): Promise<void> {
    await this.targets.stop();
  }

  private planeOf(found: ReadableDeployment): DataPlane | undefined {
    return found.targetName
      ? this.deps.dataPlanes.get(found.targetName)
      : undefined;
  }

  /**
   * The deployment in its target's live cluster, once the target's cache can answer for it; or
   * why it cannot: no target, one without a live cluster (GitOps), a cluster that has not
   * answered yet.
   */
  async locate(
    target: DeploymentKey,
    ctx: ActionContext,
  ): Promise<
    | { kind: 'cluster'; cluster: ClusterDeployment }
    | { kind: 'unavailable'; reason: string }
  > {
    const found = await this.deps.deployments.readDeployment(target, ctx);
    const plane = this.planeOf(found);
    if (!plane)
      return {
        kind: 'unavailable',
        reason: `environment "${target.environment}" has no configured data-plane target`,
      };
    if (!hasCluster(plane))
      return {
        kind: 'unavailable',
        reason: `environment "${target.environment}" deploys to ${plane.type} target "${plane.name}"; runtime state and logs come from Kubernetes targets only`,
      };
    const cluster = await this.clusterDeployment(found, plane);
    if (!cluster)
      return {
        kind: 'unavailable',
        reason: `the Kubernetes API of target "${plane.name}" has not answered yet; try again shortly`,
      };
    return { kind: 'cluster', cluster };
  }

  /** Where the deployment's objects live, once the target's cache can answer for them. */
  private async clusterDeployment(
    found: ReadableDeployment,
    plane: DataPlane & { cluster: LiveCluster },
  ): Promise<ClusterDeployment | undefined> {
    const { componentRef, environment } = found.deployment;
    const inventory = await this.deps.store.getInventory(
      componentRef,
      environment,
    );
    const namespaces = namespacesOf(inventory);
    const runtime = this.targets.get(plane);
    const ready = await runtime.cache.ready(
      namespaces,
      this.deps.readyTimeoutMs ?? 10_000,
    );
    if (!ready) return undefined;
    return {
      runtime,
      inventory,
      namespaces,
      component: parseEntityRef(componentRef).name,
    };
  }

  /** The deployment's current release, compiled as the reconciler compiles it. */
  private async plan(found: ReadableDeployment) {
    const plan = await planStoredDeployment({
      store: this.deps.store,
      catalog: found.catalog,
      deployment: found.deployment,
      extensions: this.deps.extensions,
    });
    if (!plan)
      throw new ConflictError(
        `release ${found.deployment.releaseId} does not exist`,
      );
    return plan;
  }

  /** The Kubernetes namespace of the deployment: where it was applied, else where it would be. */
  async namespaceOf(found: ReadableDeployment): Promise<string | undefined> {
    const { componentRef, environment } = found.deployment;
    const applied = namespacesOf(
      await this.deps.store.getInventory(componentRef, environment),
    );
    if (applied.length > 0) return applied[0];
    const plan = await this.plan(found).catch(() => undefined);
    return plan?.valid ? plan.manifests[0]?.metadata.namespace : undefined;
  }
}

/** The namespaces an inventory's objects live in. */
function namespacesOf(inventory: InventoryEntry[]): string[] {
  return [
    ...new Set(
      inventory
        .map(entry => entry.namespace)
        .filter((ns): ns is string => ns !== undefined),
    ),
  ];
}
