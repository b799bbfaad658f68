import type {
  DeploymentStatus,
  Diagnosis,
  Finding,
  LogLine,
  RuntimeSnapshot,
} from '@stagecraft/plugin-stagecraft-common';
import type { ActionContext } from '../actions/types';
import type { DriftEvent, HistoryEntry } from '../database/records';
import type { ReadyRelease } from '../database/StatusStore';
import type { DeploymentKey } from '../deployment/DeploymentKey';
import type { DeploymentUsage } from '../observability/types';
import type { DependencyEdge, TrafficExplanation } from '../traffic/types';
import type { FailedConnection } from './connectionErrors';

/** A provider of an endpoint the component depends on, as the caller may see it. */
export interface ProviderHealth {
  providerRef: string;
  /** Its deployment in the same environment; undefined when it has none. */
  status?: DeploymentStatus;
  /** Why its deployment could not be read (e.g. the caller may not read it). */
  unreadable?: string;
}

/** The last lines of one failing container, the previous run's when it restarted. */
export interface ContainerLog {
  pod: string;
  container: string;
  lines: LogLine[];
  /** Why no lines could be read, when none could. */
  error?: string;
}

/**
 * Everything the rules look at, read once per diagnosis through the services with the
 * caller's credentials (see gatherEvidence.ts). Rules are pure functions of it.
 */
export interface DiagnosisEvidence extends DeploymentKey {
  now: Date;
  status: DeploymentStatus;
  /** This environment's history, newest first. */
  history: HistoryEntry[];
  /** The releases observed rolled out and ready in this environment (status reads record them). */
  readyReleases: ReadyRelease[];
  runtime: RuntimeSnapshot;
  /** Changes made by hand to its objects, newest first. */
  drift: DriftEvent[];
  /** Last log lines of the containers that are not running or restarted. */
  logs: ContainerLog[];
  /** Usage against requests and limits; undefined when no usage service is configured. */
  usage?: DeploymentUsage;
  /** What it depends on in this environment (traffic service) and how its providers are. */
  dependencies: { edges: DependencyEdge[]; providers: ProviderHealth[] };
  /** Connections the logs say failed, each with explain-traffic's answer for it. */
  failedConnections: {
    connection: FailedConnection;
    explanation: TrafficExplanation;
  }[];
}

/**
 * One diagnosis rule: a small pure function from the evidence to findings (none when it sees
 * no problem). `checks` says in words what it looked at, for "no problems found".
 */
export interface DiagnosisRule {
  name: string;
  checks: string;
  diagnose(evidence: DiagnosisEvidence): Finding[];
}

/** The diagnosis as a service function (REST route, agent action): read-only. */
export interface DiagnosisActions {
  diagnose(key: DeploymentKey, ctx: ActionContext): Promise<Diagnosis>;
}
