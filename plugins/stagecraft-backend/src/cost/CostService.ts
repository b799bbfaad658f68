import {
  projectNameOf,
  projectRefOf,
} from '@stagecraft/plugin-stagecraft-common';
import type { Entity } from '@backstage/catalog-model';
import type {
  ActionContext,
  DeploymentActions,
  DeploymentKey,
} from '../actions/types';
import type { Deployment } from '../database/DeploymentStore';
import type { ObservabilityActions } from '../observability/types';
import { CostSettings, DEFAULT_THRESHOLDS } from './costConfig';
import { compiledRequests } from './compiledRequests';
import { costLineOf, totalOf, totalsBy } from './costLine';
import { largerFirst, moneyOf } from './money';
import { readTrafficOfQuiet, type TrafficReads } from './observedTraffic';
import { recommendationsFor } from './recommendations';
import type {
  CostActions,
  CostFilter,
  CostInput,
  CostRecommendationsReport,
  CostReport,
} from './types';

/** What {@link CostService} is built from. */
export interface CostServiceDeps {
  /** Lists an environment's deployments of the components the caller may read. */
  deployments: Pick<DeploymentActions, 'listEnvironmentDeployments'>;
  /**
   * Requests and observed usage of one deployment, and (when there) the request metrics and
   * traces the idle rule asks about; each read checks read permission again.
   */
  observability: Pick<ObservabilityActions, 'getUsage'> & TrafficReads;
  /** Every deployment record, to count (never show) those the caller may not read. */
  allDeployments(): Promise<Deployment[]>;
  /** The catalog as the plugin sees it: the component's project. */
  catalog(): Promise<{ get(ref: string): Entity | undefined }>;
  settings?: CostSettings;
  /**
   * The manifests a deployment's release compiles to (RuntimeService.getManifests, which
   * checks read permission): requests for deployments without pods to read.
   */
  manifests?(key: DeploymentKey, ctx: ActionContext): Promise<string>;
}

const NOT_CONFIGURED =
  'no rates: set stagecraft.cost (cpuHour, memoryGiBHour, currency) in app-config (docs/observability.md, "Cost")';
const sameRef = (a: string, b: string) =>
  a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US');

/** Deployments whose usage is read at once. */
const CONCURRENCY = 8;

interface Gathered {
  inputs: CostInput[];
  hiddenDeployments: number;
  gaps: CostReport['gaps'];
}

/**
 * Cost per component × environment and the recommendations that save money. Rows come only
 * from `listEnvironmentDeployments` (stagecraft.deployment.read per component) and each usage
 * read checks it again, with the caller's credentials; deployments of other components are
 * counted, never named.
 */
export class CostService implements CostActions {
  constructor(private readonly deps: CostServiceDeps) {}

  async getCosts(filter: CostFilter, ctx: ActionContext): Promise<CostReport> {
    const settings = this.deps.settings;
    if (!settings)
      return {
        ...notConfigured(),
        items: [],
        byProject: [],
        byEnvironment: [],
        gaps: [],
      };
    const { inputs, hiddenDeployments, gaps } = await this.gather(filter, ctx);
    const lines = inputs.map(input =>
      costLineOf(input, settings.ratesFor(input.environment, input.target)),
    );
    const total = lines.reduce((sum, l) => sum + l.hourlyMicros, 0n);
    return {
      state: 'ok',
      currency: settings.currency,
      hoursPerMonth: 730,
      items: lines
        .slice()
        .sort((a, b) => largerFirst(a.hourlyMicros, b.hourlyMicros))
        .map(({ hourlyMicros: _, ...line }) => line),
      byProject: totalsBy(lines, l => l.project),
      byEnvironment: totalsBy(lines, l => l.environment),
      total: totalOf('organisation', total, lines.length),
      hiddenDeployments,
      gaps,
    };
  }

  async getRecommendations(
    filter: CostFilter,
    ctx: ActionContext,
  ): Promise<CostRecommendationsReport> {
    const settings = this.deps.settings;
    if (!settings)
      return {
        ...notConfigured(),
        recommendations: [],
        thresholds: thresholdsOf(undefined),
      };
    const { inputs, hiddenDeployments } = await this.gather(filter, ctx);
    await readTrafficOfQuiet(
      this.deps.observability,
      inputs,
      settings.thresholds.idleCpuMillicores,
      ctx,
    );
    const recommendations = inputs
      .flatMap(input =>
        recommendationsFor(
          input,
          settings.ratesFor(input.environment, input.target),
          settings.thresholds,
        ),
      )
      .sort((a, b) => b.monthlySaving.micros - a.monthlySaving.micros);
    const saving = recommendations.reduce(
      (sum, r) => sum + BigInt(r.monthlySaving.micros),
      0n,
    );
    return {
      state: 'ok',
      currency: settings.currency,
      recommendations,
      totalMonthlySaving: moneyOf(saving),
      hiddenDeployments,
      thresholds: thresholdsOf(settings),
    };
  }

  /** The readable, deployed deployments in the filter's scope with requests and usage. */
  private async gather(
    filter: CostFilter,
    ctx: ActionContext,
  ): Promise<Gathered> {
    const catalog = await this.deps.catalog();
    const inScope = (componentRef: string, environment: string) =>
      (!filter.environment || filter.environment === environment) &&
      (!filter.component || sameRef(filter.component, componentRef)) &&
      (!filter.project ||
        projectMatches(catalog.get(componentRef), filter.project));
    const records = (await this.deps.allDeployments()).filter(
      d =>
        d.desiredState === 'deployed' && inScope(d.componentRef, d.environment),
    );
    const environments = [...new Set(records.map(d => d.environment))].sort();
    const readable = (
      await Promise.all(
        environments.map(env =>
          this.deps.deployments.listEnvironmentDeployments(env, ctx),
        ),
      )
    )
      .flat()
      .filter(
        d =>
          d.desiredState === 'deployed' &&
          inScope(d.componentRef, d.environment),
      );
    const inputs: CostInput[] = [];
    const gaps: CostReport['gaps'] = [];
    for (let i = 0; i < readable.length; i += CONCURRENCY) {
      const batch = readable.slice(i, i + CONCURRENCY);
      await Promise.all(
        batch.map(async d => {
          const key = {
            componentRef: d.componentRef,
            environment: d.environment,
          };
          const project =
            projectNameOf(catalog.get(d.componentRef) ?? ({} as Entity)) ?? '';
          try {
            const usage = await this.deps.observability.getUsage(key, ctx);
            const fromRelease =
              usage.pods.length === 0
                ? await this.compiled(key, ctx)
                : undefined;
            if (usage.pods.length === 0 && !fromRelease)
              gaps.push({
                ...key,
                reason: usage.reason ?? 'no pods are running',
              });
            inputs.push({
              ...key,
              project,
              target: d.target,
              podCount: usage.pods.length,
              requests: fromRelease ?? usage.totals.requests,
              requestsFrom: fromRelease ? 'manifests' : 'pods',
              ...(usage.available && usage.totals.usage
                ? { usage: usage.totals.usage }
                : {}),
            });
          } catch {
            gaps.push({
              ...key,
              reason: 'its requests and usage could not be read',
            });
          }
        }),
      );
    }
    inputs.sort((a, b) =>
      `${a.componentRef} ${a.environment}`.localeCompare(
        `${b.componentRef} ${b.environment}`,
      ),
    );
    return {
      inputs,
      hiddenDeployments: Math.max(0, records.length - readable.length),
      gaps,
    };
  }

  /**
   * Requests of the release as compiled, for a deployment without pods to read (a GitOps
   * target, not applied yet); undefined when there is no reader or it cannot be compiled.
   */
  private async compiled(key: DeploymentKey, ctx: ActionContext) {
    if (!this.deps.manifests) return undefined;
    try {
      return compiledRequests(await this.deps.manifests(key, ctx));
    } catch {
      return undefined;
    }
  }
}

function projectMatches(
  component: Entity | undefined,
  wanted: string,
): boolean {
  if (!component) return false;
  const w = wanted.toLocaleLowerCase('en-US');
  return (
    projectRefOf(component)?.toLocaleLowerCase('en-US') === w ||
    projectNameOf(component)?.toLocaleLowerCase('en-US') === w
  );
}

function notConfigured() {
  return {
    state: 'not-configured' as const,
    reason: NOT_CONFIGURED,
    hoursPerMonth: 730,
    hiddenDeployments: 0,
  };
}

function thresholdsOf(settings: CostSettings | undefined) {
  const t = settings?.thresholds ?? DEFAULT_THRESHOLDS;
  return {
    overProvisionedRatio: t.overProvisionedRatio,
    headroom: t.headroom,
    idleCpuMillicores: t.idleCpuMillicores,
    minimumMonthlySaving: moneyOf(t.minimumMonthlySaving),
  };
}
