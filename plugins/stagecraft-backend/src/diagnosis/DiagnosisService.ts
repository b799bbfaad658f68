import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import {
  STAGECRAFT_NAMESPACE,
  type Diagnosis,
  type RuntimeSnapshot,
} from '@stagecraft/plugin-stagecraft-common';
import type {
  ActionContext,
  DeploymentActions,
  RuntimeActions,
} from '../actions/types';
import type { StatusStore } from '../database/StatusStore';
import type { DeploymentKey } from '../deployment/DeploymentKey';
import type { ObservabilityActions } from '../observability/types';
import type { TrafficActions } from '../traffic/types';
import { type FailedConnection, failedConnections } from './connectionErrors';
import { readLastLines } from './readLastLines';
import { DIAGNOSIS_RULES } from './rules';
import { runRules } from './runRules';
import type {
  DiagnosisActions,
  DiagnosisEvidence,
  DiagnosisRule,
  ProviderHealth,
} from './types';

/** Logs of at most this many failing containers are read per diagnosis. */
const MAX_LOGS = 3;
/** At most this many failed connections from the logs are explained. */
const MAX_EXPLAINED = 3;

/** The services a diagnosis reads through: each call checks the caller's read permission. */
export interface DiagnosisServiceDeps {
  actions: Pick<
    DeploymentActions,
    'getDeployment' | 'listHistory' | 'listDrift'
  >;
  runtime: Pick<RuntimeActions, 'getRuntime' | 'openLogs'>;
  traffic: Pick<TrafficActions, 'getDependencies' | 'explainTraffic'>;
  observability?: Pick<ObservabilityActions, 'getUsage'>;
  /**
   * Which releases were observed ready where (the status store); read only after getDeployment
   * has checked the caller may read the component.
   */
  readiness?: Pick<StatusStore, 'listReady'>;
  rules?: readonly DiagnosisRule[];
  now?: () => Date;
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Diagnoses one component in one environment: reads the evidence through the deployment,
 * runtime, traffic and observability services with the caller's credentials (the first read,
 * getDeployment, refuses a caller without stagecraft.deployment.read), then runs the rules.
 * Evidence that cannot be read becomes a gap in the answer, not an error.
 */
export class DiagnosisService implements DiagnosisActions {
  constructor(private readonly deps: DiagnosisServiceDeps) {}

  async diagnose(key: DeploymentKey, ctx: ActionContext): Promise<Diagnosis> {
    const status = await this.deps.actions.getDeployment(key, ctx);
    const gaps: string[] = [];
    const [history, readyReleases, drift, runtime, usage, edges] =
      await Promise.all([
        this.deps.actions.listHistory(key.componentRef, key.environment, ctx),
        this.readyReleases(key, gaps),
        this.deps.actions.listDrift(key, ctx).catch(e => {
          gaps.push(`drift: ${messageOf(e)}`);
          return [];
        }),
        this.deps.runtime.getRuntime(key, ctx),
        this.deps.observability?.getUsage(key, ctx).catch(e => {
          gaps.push(`usage: ${messageOf(e)}`);
          return undefined;
        }),
        this.deps.traffic
          .getDependencies(key, ctx)
          .then(n => n.dependsOn)
          .catch(e => {
            gaps.push(`dependencies: ${messageOf(e)}`);
            return [];
          }),
      ]);
    if (!runtime.available)
      gaps.push(`pods, containers and events: ${runtime.reason}`);
    const [logs, providers] = await Promise.all([
      this.logsOfFailing(key, runtime, ctx, gaps),
      this.providers(
        key.environment,
        edges.map(e => e.providerRef),
        ctx,
      ),
    ]);
    const explained = await this.explainFailedConnections(
      key,
      failedConnections(logs),
      ctx,
    );
    const evidence: DiagnosisEvidence = {
      ...key,
      now: (this.deps.now ?? (() => new Date()))(),
      status,
      history,
      readyReleases,
      drift,
      runtime,
      logs,
      usage,
      dependencies: { edges, providers },
      failedConnections: explained,
    };
    return runRules(evidence, this.deps.rules ?? DIAGNOSIS_RULES, gaps);
  }

  /** The releases observed ready here; none (a gap) when they cannot be read. */
  private async readyReleases(key: DeploymentKey, gaps: string[]) {
    if (!this.deps.readiness) return [];
    return this.deps.readiness
      .listReady(key.componentRef, key.environment)
      .catch(e => {
        gaps.push(`releases observed ready: ${messageOf(e)}`);
        return [];
      });
  }

  /** The last log lines of containers that restarted or do not run, a few at most. */
  private async logsOfFailing(
    key: DeploymentKey,
    runtime: RuntimeSnapshot,
    ctx: ActionContext,
    gaps: string[],
  ) {
    const failing = runtime.pods
      .flatMap(pod =>
        pod.containers
          .filter(c => c.restarts > 0 || c.lastTermination)
          .map(c => ({ pod: pod.name, container: c.name })),
      )
      .slice(0, MAX_LOGS);
    const sources = await Promise.all(
      failing.map(f =>
        this.deps.runtime
          .openLogs(
            key,
            { ...f, tailLines: 20, follow: false, timestamps: true },
            ctx,
          )
          .catch(e => {
            gaps.push(`logs of ${f.pod}/${f.container}: ${messageOf(e)}`);
            return [];
          }),
      ),
    );
    const logs = await readLastLines(sources.flat());
    for (const log of logs)
      if (log.error)
        gaps.push(`logs of ${log.pod}/${log.container}: ${log.error}`);
    return logs;
  }

  /**
   * explain-traffic's answer for each connection the logs say failed, a few at most; a name
   * that is not a component the caller may read is left out.
   */
  private async explainFailedConnections(
    key: DeploymentKey,
    connections: FailedConnection[],
    ctx: ActionContext,
  ) {
    const self = parseEntityRef(key.componentRef).name;
    const answers = await Promise.all(
      connections
        .filter(c => c.service !== self)
        .slice(0, MAX_EXPLAINED)
        .map(connection =>
          this.deps.traffic
            .explainTraffic(
              {
                fromRef: key.componentRef,
                toRef: stringifyEntityRef({
                  kind: 'Component',
                  namespace: STAGECRAFT_NAMESPACE,
                  name: connection.service,
                }),
                port: connection.port,
                environment: key.environment,
              },
              ctx,
            )
            .then(explanation => ({ connection, explanation }))
            .catch(() => undefined),
        ),
    );
    return answers.filter((a): a is NonNullable<typeof a> => a !== undefined);
  }

  /** Each provider's deployment here, as far as the caller may read it. */
  private async providers(
    environment: string,
    refs: (string | undefined)[],
    ctx: ActionContext,
  ): Promise<ProviderHealth[]> {
    const unique = [...new Set(refs.filter((r): r is string => !!r))];
    return Promise.all(
      unique.map(providerRef =>
        this.deps.actions
          .getDeployment({ componentRef: providerRef, environment }, ctx)
          .then(status => ({ providerRef, status }))
          .catch(e =>
            e instanceof NotFoundError
              ? { providerRef }
              : { providerRef, unreadable: messageOf(e) },
          ),
      ),
    );
  }
}
