import { stringifyEntityRef } from '@backstage/catalog-model';
import type { EndpointEntity } from '@stagecraft/plugin-stagecraft-common';
import type { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import type { EnvironmentPlan } from '../plan/planEnvironment';
import { declarationOf } from '../traffic/dependencyRule';
import { evaluatePath } from '../traffic/evaluatePath';
import { l4ProtocolOf } from '../traffic/resolveDestination';
import type { ImpactPath, PathChanges } from './types';

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/** The L4 protocol of an endpoint's paths: `l4ProtocolOf` answers only TCP or UDP. */
export const endpointProtocol = (endpoint: EndpointEntity) =>
  l4ProtocolOf(endpoint) as ImpactPath['protocol'];

/**
 * The paths worth evaluating in an environment where `subjectRef` changes: every path from or
 * to the subject's pods on each endpoint port of the destination, and every declared
 * dependency between the other components planned there. Only the subject's objects and its
 * neighbours' rules about it differ between the two plans, so a path between two other
 * components changes only if a declaration names it — those are kept to show the rest stays.
 */
export function candidatePaths(o: {
  catalog: CatalogSnapshot;
  plans: EnvironmentPlan[];
  subjectRef: string;
}): ImpactPath[] {
  const components = new Map<string, string>();
  for (const plan of o.plans)
    for (const ref of plan.plans.keys()) components.set(lower(ref), ref);
  components.set(lower(o.subjectRef), o.subjectRef);
  const subject = lower(o.subjectRef);
  const out = new Map<string, ImpactPath>();
  const add = (fromRef: string, toRef: string, endpoint: EndpointEntity) => {
    const endpointRef = stringifyEntityRef(endpoint);
    const key = lower(`${fromRef} ${endpointRef}`);
    if (out.has(key)) return;
    const from = o.catalog.get(fromRef);
    out.set(key, {
      fromRef,
      toRef,
      endpointRef,
      port: endpoint.spec.port,
      protocol: endpointProtocol(endpoint),
      declared: !!from && !!declarationOf(o.catalog, from, endpointRef),
    });
  };
  // Linear in the declarations, not quadratic in the components: the subject with everyone,
  // then each planned component's declared dependencies on another planned one.
  for (const other of components.values()) {
    if (lower(other) === subject) continue;
    for (const e of o.catalog.endpointsServedBy(other))
      add(o.subjectRef, other, e);
    for (const e of o.catalog.endpointsServedBy(o.subjectRef))
      add(other, o.subjectRef, e);
  }
  for (const fromRef of components.values()) {
    const from = o.catalog.get(fromRef);
    if (!from) continue;
    for (const d of o.catalog.dependenciesOf(from)) {
      const toRef = d.provider && stringifyEntityRef(d.provider);
      if (!d.endpoint || !toRef || !components.has(lower(toRef))) continue;
      if (lower(toRef) === lower(fromRef)) continue;
      add(fromRef, toRef, d.endpoint);
    }
  }
  return [...out.values()];
}

const allowedIn = (plan: EnvironmentPlan, p: ImpactPath) =>
  evaluatePath({
    plan,
    fromRef: p.fromRef,
    toRef: p.toRef,
    port: p.port,
    protocol: p.protocol,
  }).allowed;

/**
 * Evaluates each path in both plans with the network-policy evaluator (`evaluatePath` →
 * `evaluateTraffic`) and keeps those whose verdict changes; paths with an end outside
 * `readable` are counted, not named.
 */
export function diffPaths(o: {
  before: EnvironmentPlan;
  after: EnvironmentPlan;
  paths: ImpactPath[];
  readable: Set<string>;
}): PathChanges {
  const changes: PathChanges = {
    opens: [],
    closes: [],
    evaluated: o.paths.length,
    unreadable: 0,
  };
  for (const path of o.paths) {
    const was = allowedIn(o.before, path);
    const is = allowedIn(o.after, path);
    if (was === is) continue;
    if (!o.readable.has(path.fromRef) || !o.readable.has(path.toRef)) {
      changes.unreadable++;
      continue;
    }
    (is ? changes.opens : changes.closes).push(path);
  }
  return changes;
}
