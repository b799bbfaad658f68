import { parseEntityRef } from '@backstage/catalog-model';
import type { PathVerdict, PlanState } from './evaluatePath';
import type { Declaration, PolicyEvidence, VisibilityVerdict } from './types';

/** Everything the reason is drawn from: the model's rule and the policies' verdict. */
export interface TrafficFacts {
  fromRef: string;
  toRef: string;
  environment: string;
  port: number;
  /** The endpoint asked about, or the destination's endpoint at that port. */
  endpoint?: { ref: string; port: number };
  /** The destination's endpoints, for a port none of them serves. */
  endpointsOfDestination: { ref: string; port: number; protocol: string }[];
  declaration?: Declaration;
  visibility?: VisibilityVerdict;
  path: PathVerdict;
  /** Whether the release of `fromRef` deployed in the environment declares the dependency. */
  deployedReleaseDeclares?: boolean;
}

const nameOf = (ref: string) => parseEntityRef(ref).name;

const describePolicies = (policies: PolicyEvidence[], effect: string) =>
  policies
    .filter(p => p.effect === effect)
    .map(p =>
      p.ruleIndex === undefined
        ? `${p.direction} of ${p.namespace}/${p.name}`
        : `${p.direction} rule ${p.ruleIndex} of ${p.namespace}/${p.name}`,
    )
    .join(', ');

function notRunning(ref: string, state: PlanState, environment: string) {
  if (state.state === 'invalid')
    return `the release of ${ref} deployed in ${environment} does not compile (${state.reason})`;
  if (state.state === 'not-deployable')
    return `${ref} has no spec.deploy, so Stagecraft runs it nowhere`;
  return `${ref} is not deployed in ${environment}`;
}

function runIt(ref: string, state: PlanState, environment: string) {
  if (state.state === 'invalid')
    return `fix what the compiler reports for ${ref} (stagecraft:validate-entities), then redeploy`;
  if (state.state === 'not-deployable')
    return `give ${ref} a spec.deploy so Stagecraft runs it, or depend on an endpoint of a component it runs`;
  return `deploy or promote ${ref} to ${environment}`;
}

/**
 * Why the policies refuse: the isolating policies with no rule for the port, or, when there is
 * no pair of pods to evaluate at all, the side that has no pod in the environment.
 */
function deniedVerdict({
  fromRef,
  toRef,
  environment,
  path,
  port,
}: TrafficFacts) {
  const isolating = describePolicies(path.policies, 'isolates');
  if (isolating)
    return `the compiled policies deny it (${isolating} with no rule admitting port ${port})`;
  const [ref, state] =
    path.from.state !== 'deployed' ? [fromRef, path.from] : [toRef, path.to];
  if (state.state !== 'deployed')
    return `nothing can connect: ${notRunning(ref, state, environment)}`;
  return `nothing can connect: the objects planned in ${environment} hold no pod of ${fromRef} or ${toRef}`;
}

/**
 * The one-sentence reason and the next step of a traffic explanation. The model's rule comes
 * first, because it is what has to change: a port no endpoint serves, a visibility that
 * forbids the consumer, a missing declaration. Then whether both ends run in the
 * environment, then the policies' own verdict with the rules that decided it.
 */
export function trafficReason(f: TrafficFacts): {
  reason: string;
  nextStep?: string;
} {
  const { fromRef, toRef, environment, path } = f;
  const policyVerdict = path.allowed
    ? `the compiled policies admit it (${
        describePolicies(path.policies, 'admits') ||
        'neither pod is isolated by any policy'
      })`
    : deniedVerdict(f);

  if (!f.endpoint) {
    const served = f.endpointsOfDestination
      .map(e => `${nameOf(e.ref)} ${e.port}/${e.protocol}`)
      .join(', ');
    return {
      reason: `${toRef} serves no endpoint on port ${f.port} (${
        served ? `its endpoints: ${served}` : 'it serves no endpoint'
      }), and Stagecraft opens only an endpoint's port; ${policyVerdict}.`,
      nextStep: served
        ? `ask about one of its endpoints' ports, or add an Endpoint for port ${f.port} to ${toRef}`
        : `add an Endpoint (spec.component: ${nameOf(toRef)}) for the port`,
    };
  }
  const endpointRef = f.endpoint.ref;
  if (f.visibility && !f.visibility.permits)
    return {
      reason: `${endpointRef} has visibility "project", which admits only components of ${
        f.visibility.providerProject ?? 'its own project'
      }, and ${fromRef} belongs to ${
        f.visibility.consumerProject ?? 'no project'
      }${
        f.declaration
          ? `, so its ${f.declaration.path} entry is a compile error`
          : ''
      }; ${policyVerdict}.`,
      nextStep: `ask the owners of ${toRef} to make ${endpointRef} "organization", or depend on an endpoint ${fromRef}'s project may use`,
    };
  if (!f.declaration)
    return {
      reason: `${fromRef} does not declare a dependency on ${endpointRef}, and undeclared traffic stays blocked; ${policyVerdict}.`,
      nextStep: `add \`dependsOn: endpoint:${nameOf(
        endpointRef,
      )}\` to ${fromRef} (spec.dependsOn), then deploy the new release to ${environment}`,
    };
  if (path.from.state !== 'deployed' || path.to.state !== 'deployed') {
    const [ref, state] =
      path.from.state !== 'deployed' ? [fromRef, path.from] : [toRef, path.to];
    return {
      reason: `${fromRef} declares ${endpointRef} (${
        f.declaration.path
      }), but ${notRunning(ref, state, environment)}${
        ref === toRef ? ', so the connection is pending' : ''
      }.`,
      nextStep: runIt(ref, state, environment),
    };
  }
  if (path.allowed)
    return {
      reason: `${fromRef} declares ${endpointRef} (${
        f.declaration.path
      }), its visibility ${f.visibility?.rule ?? ''}, and ${policyVerdict}.`,
    };
  if (f.endpoint.port !== f.port)
    return {
      reason: `${endpointRef} listens on port ${f.endpoint.port}, not ${f.port}; ${policyVerdict}.`,
      nextStep: `connect to port ${f.endpoint.port}`,
    };
  if (f.deployedReleaseDeclares === false)
    return {
      reason: `the release of ${fromRef} deployed in ${environment} predates its ${f.declaration.path} entry for ${endpointRef}; ${policyVerdict}.`,
      nextStep: `deploy or promote the latest release of ${fromRef} to ${environment}`,
    };
  return {
    reason: `${fromRef} declares ${endpointRef} (${f.declaration.path}) and its visibility permits it, yet ${policyVerdict}.`,
    nextStep: `redeploy ${fromRef} and ${toRef} in ${environment}; if the answer stays, the planned objects disagree with the model (report it)`,
  };
}
