import { parseEntityRef } from '@backstage/catalog-model';
import {
  ComponentPod,
  componentPods,
  DirectionVerdict,
  evaluateTraffic,
  TrafficProtocol,
  TrafficVerdict,
} from '@stagecraft/plugin-stagecraft-node';
import type { EnvironmentPlan } from '../plan/planEnvironment';
import type { PodEvidence, PolicyEvidence } from './types';

/** Whether a component runs in the environment as the control plane plans it. */
export type PlanState =
  | { state: 'deployed' }
  | { state: 'not-deployed' }
  /** No `spec.deploy`: Stagecraft does not run it anywhere. */
  | { state: 'not-deployable' }
  | { state: 'invalid'; reason: string };

/** The policies' answer for one path, with the pods and policies that decided it. */
export interface PathVerdict {
  from: PlanState;
  to: PlanState;
  /** False when either end has no pod in the environment's objects. */
  allowed: boolean;
  /** The decisive pair's verdict: the first pair refused, else the first admitted. */
  verdict?: TrafficVerdict;
  sourcePod?: PodEvidence;
  destinationPod?: PodEvidence;
  policies: PolicyEvidence[];
}

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

function planState(plan: EnvironmentPlan, componentRef: string): PlanState {
  const found = [...plan.plans].find(
    ([ref]) => lower(ref) === lower(componentRef),
  );
  if (!found) return { state: 'not-deployed' };
  const [, planned] = found;
  return planned.valid
    ? { state: 'deployed' }
    : { state: 'invalid', reason: planned.reason };
}

const pod = ({ workload, namespace, labels }: ComponentPod): PodEvidence => ({
  workload,
  namespace,
  labels,
});

/** The policies that decided one direction: its admitting rules, or the isolating policies. */
function directionEvidence(d: DirectionVerdict): PolicyEvidence[] {
  if (d.allowed)
    return d.admittedBy.map(rule => ({
      namespace: rule.namespace,
      name: rule.name,
      direction: d.direction,
      effect: 'admits',
      ruleIndex: rule.ruleIndex,
      ...(rule.uncertain ? { uncertain: rule.uncertain } : {}),
    }));
  return d.isolatedBy.map(policy => ({
    ...policy,
    direction: d.direction,
    effect: 'isolates',
  }));
}

/**
 * Evaluates the environment's planned NetworkPolicies for every pod of `fromRef` to every pod
 * of `toRef` on one port (`evaluateTraffic`). Allowed only when each pair is; a component with
 * no pod among the planned objects (not deployed, or its release does not compile) reaches
 * nothing and is reached by nothing.
 */
export function evaluatePath(o: {
  plan: EnvironmentPlan;
  fromRef: string;
  toRef: string;
  port: number;
  protocol: TrafficProtocol;
}): PathVerdict {
  const from = planState(o.plan, o.fromRef);
  const to = planState(o.plan, o.toRef);
  const sources = componentPods(
    o.plan.manifests,
    parseEntityRef(o.fromRef).name,
  );
  const destinations = componentPods(
    o.plan.manifests,
    parseEntityRef(o.toRef).name,
  );
  const pairs = sources.flatMap(source =>
    destinations.map(destination => ({
      source,
      destination,
      verdict: evaluateTraffic({
        manifests: o.plan.manifests,
        from: source,
        to: destination,
        port: o.port,
        protocol: o.protocol,
      }),
    })),
  );
  const decisive = pairs.find(p => !p.verdict.allowed) ?? pairs[0];
  return {
    from,
    to,
    allowed: pairs.length > 0 && pairs.every(p => p.verdict.allowed),
    ...(decisive
      ? {
          verdict: decisive.verdict,
          sourcePod: pod(decisive.source),
          destinationPod: pod(decisive.destination),
          policies: [
            ...directionEvidence(decisive.verdict.egress),
            ...directionEvidence(decisive.verdict.ingress),
          ],
        }
      : {
          ...(sources[0] ? { sourcePod: pod(sources[0]) } : {}),
          ...(destinations[0] ? { destinationPod: pod(destinations[0]) } : {}),
          policies: [],
        }),
  };
}
