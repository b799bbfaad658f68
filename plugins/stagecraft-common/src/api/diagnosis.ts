/*
 * Types, not interfaces: the OpenAPI router's typed responses need them assignable to its
 * index signatures.
 *
 * What the diagnosis of a deployment answers (GET .../deployments/{environment}/diagnosis, the
 * `diagnose` agent action and the Diagnose panel): findings ranked by severity, each with the
 * evidence it rests on and one concrete next step.
 */

/**
 * How bad a finding is: critical (the component does not serve), warning (it serves, but
 * something will bite), info (worth knowing).
 *
 * @public
 */
export type FindingSeverity = 'critical' | 'warning' | 'info';

/**
 * One observed fact a finding rests on, quoted as the cluster or Stagecraft recorded it.
 *
 * @public
 */
export type FindingEvidence = {
  /** log: a container's log line; event: a Kubernetes event; status: a pod, container or deployment status field; history: a release history entry. */
  kind: 'log' | 'event' | 'status' | 'history' | 'usage';
  /** The quoted text. */
  text: string;
  /** When it was recorded, ISO 8601, when known. */
  at?: string;
  pod?: string;
  container?: string;
};

/**
 * What to do about a finding; `action`, when present, is a Stagecraft action that does it
 * (REST route or agent action of the same name) with its input.
 *
 * @public
 */
export type FindingNextStep = {
  text: string;
  action?: {
    name: 'rollback' | 'redeploy' | 'deploy';
    input: Record<string, string>;
  };
};

/**
 * One problem the rules found.
 *
 * @public
 */
export type Finding = {
  /** The rule that found it, e.g. `crash-loop`. */
  rule: string;
  severity: FindingSeverity;
  /** One line. */
  summary: string;
  evidence: FindingEvidence[];
  nextStep: FindingNextStep;
};

/**
 * The diagnosis of one component in one environment.
 *
 * @public
 */
export type Diagnosis = {
  componentRef: string;
  environment: string;
  /** When the evidence was read, ISO 8601. */
  diagnosedAt: string;
  /** Most severe first; empty when no problem was found. */
  findings: Finding[];
  /** What the rules looked at, in words (shown as "no problems found" with this list). */
  checked: string[];
  /** Evidence that could not be read (e.g. a GitOps target has no live pods), in words. */
  gaps: string[];
};
