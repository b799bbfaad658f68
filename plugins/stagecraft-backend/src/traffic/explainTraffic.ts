import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import {
  EndpointEntity,
  hasDeployIntent,
} from '@stagecraft/plugin-stagecraft-common';
import type { ActionContext } from '../actions/types';
import type { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import { EnvironmentPlan, planEnvironment } from '../plan/planEnvironment';
import { snapshotComponent } from '../plan/releaseSnapshot';
import {
  readableCatalogComponent,
  readableEndpoint,
} from './readableCatalogComponent';
import { declarationOf, visibilityVerdict } from './dependencyRule';
import { evaluatePath, PlanState } from './evaluatePath';
import {
  checkPort,
  Destination,
  resolveDestination,
} from './resolveDestination';
import type { TrafficDeps } from './TrafficDeps';
import { trafficReason } from './trafficReason';
import type { TrafficExplanation, TrafficQuestion } from './types';

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');
const notDeployable: PlanState = { state: 'not-deployable' };

/**
 * Can `fromRef` reach `toRef` (a component, or an endpoint and so its provider) on a port in
 * an environment, and why. The caller needs read permission on both components, checked
 * before anything about them is looked up. The verdict comes from the NetworkPolicies the
 * control plane plans for the environment (`planEnvironment`), the reason from the model's
 * rule (`isDependencyPermitted`) and the consumer's `spec.dependsOn`.
 */
export async function explainTraffic(
  deps: TrafficDeps,
  question: TrafficQuestion,
  ctx: ActionContext,
): Promise<TrafficExplanation> {
  checkPort(question.port);
  const catalog = await deps.catalog();
  const from = await readableCatalogComponent(
    deps,
    catalog,
    question.fromRef,
    ctx,
  );
  let endpoint: EndpointEntity | undefined;
  let destinationRef = question.toRef;
  if (lower(parseEntityRef(question.toRef).kind) === 'endpoint') {
    const found = await readableEndpoint(deps, catalog, question.toRef, ctx);
    endpoint = found.endpoint;
    destinationRef = found.providerRef;
  }
  const to = await readableCatalogComponent(deps, catalog, destinationRef, ctx);
  if (!catalog.environment(question.environment))
    throw new NotFoundError(
      `environment "${question.environment}" is not in the catalog`,
    );
  const destination = resolveDestination({
    catalog,
    componentRef: stringifyEntityRef(to),
    endpoint,
    port: question.port,
  });
  const plan = await planEnvironment({
    store: deps.store,
    catalog,
    environment: question.environment,
    extensions: deps.extensions,
  });
  return explainPath(deps, {
    catalog,
    plan,
    from,
    to,
    destination,
    environment: question.environment,
  });
}

/** The explanation of one path over a planned environment; get-dependencies asks it per edge. */
export async function explainPath(
  deps: Pick<TrafficDeps, 'store'>,
  o: {
    catalog: CatalogSnapshot;
    plan: EnvironmentPlan;
    from: Entity;
    to: Entity;
    destination: Destination;
    environment: string;
  },
): Promise<TrafficExplanation> {
  const fromRef = stringifyEntityRef(o.from);
  const toRef = stringifyEntityRef(o.to);
  const { endpoint, port, protocol } = o.destination;
  const endpointRef = endpoint && stringifyEntityRef(endpoint);
  const declaration = endpointRef
    ? declarationOf(o.catalog, o.from, endpointRef)
    : undefined;
  const visibility = endpoint
    ? visibilityVerdict({ endpoint, consumer: o.from, provider: o.to })
    : undefined;
  const evaluated = evaluatePath({
    plan: o.plan,
    fromRef,
    toRef,
    port,
    protocol,
  });
  const path = {
    ...evaluated,
    from: hasDeployIntent(o.from) ? evaluated.from : notDeployable,
    to: hasDeployIntent(o.to) ? evaluated.to : notDeployable,
  };
  const deployedReleaseDeclares =
    declaration && path.from.state === 'deployed'
      ? await releaseDeclares(deps, o.catalog, o.plan, fromRef, endpointRef!)
      : undefined;
  const { reason, nextStep } = trafficReason({
    fromRef,
    toRef,
    environment: o.environment,
    port,
    endpoint: endpoint && { ref: endpointRef!, port: endpoint.spec.port },
    endpointsOfDestination: o.destination.endpoints.map(e => ({
      ref: stringifyEntityRef(e),
      port: e.spec.port,
      protocol: e.spec.protocol,
    })),
    declaration,
    visibility,
    path,
    deployedReleaseDeclares,
  });
  return {
    allowed: path.allowed,
    reason,
    fromRef,
    toRef,
    ...(endpointRef ? { endpointRef } : {}),
    environment: o.environment,
    ...(declaration ? { declaration } : {}),
    ...(visibility ? { visibility } : {}),
    evidence: {
      policies: path.policies,
      ...(path.sourcePod ? { sourcePod: path.sourcePod } : {}),
      ...(path.destinationPod ? { destinationPod: path.destinationPod } : {}),
      destinationPort: { port, protocol },
    },
    ...(nextStep ? { nextStep } : {}),
  };
}

/** Whether the release of the consumer deployed in the environment declares the dependency. */
async function releaseDeclares(
  deps: Pick<TrafficDeps, 'store'>,
  catalog: CatalogSnapshot,
  plan: EnvironmentPlan,
  consumerRef: string,
  endpointRef: string,
): Promise<boolean | undefined> {
  const deployment = plan.deployments.find(
    d => lower(d.componentRef) === lower(consumerRef),
  );
  const release =
    deployment && (await deps.store.getRelease(deployment.releaseId));
  const component = release && snapshotComponent(release.snapshot);
  return component
    ? !!declarationOf(catalog, component, endpointRef)
    : undefined;
}
