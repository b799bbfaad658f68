import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { EndpointEntity } from '@stagecraft/plugin-stagecraft-common';
import { readableRefs } from '../actions/authorization';
import type { ActionContext } from '../actions/types';
import type { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import { readableCatalogComponent } from '../traffic/readableCatalogComponent';
import { endpointAndProvider } from '../traffic/resolveDestination';
import type { TrafficDeps } from '../traffic/TrafficDeps';
import { capacityRow } from './capacity';
import { asEndpoint, findDependants, narrowings } from './dependants';
import { planWhatIf } from './hypotheticalPlan';
import { candidatePaths, diffPaths } from './pathDiff';
import type { ComponentImpact } from './types';

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/** The component a ref names, and the endpoints in question: the one named, or all it serves. */
async function subjectOf(
  deps: TrafficDeps,
  catalog: CatalogSnapshot,
  ref: string,
  ctx: ActionContext,
): Promise<{ component: Entity; endpoints: EndpointEntity[] }> {
  if (lower(parseEntityRef(ref).kind) === 'endpoint') {
    // Read permission on its provider before the endpoint's existence is confirmed further.
    const { endpoint, providerRef } = endpointAndProvider(catalog, ref);
    const component = await readableCatalogComponent(
      deps,
      catalog,
      providerRef,
      ctx,
    );
    return { component, endpoints: [endpoint] };
  }
  const component = await readableCatalogComponent(deps, catalog, ref, ctx);
  const endpoints = catalog
    .endpointsServedBy(stringifyEntityRef(component))
    .map(asEndpoint);
  return { component, endpoints };
}

/**
 * The impact of a component or endpoint: who depends on it (directly and transitively, where
 * they run, which edges cross projects), which planned paths would close if it were undeployed
 * (each environment re-planned without it and the paths into it evaluated in both plans),
 * who would be left naming a missing endpoint, whom a narrower visibility would refuse, and
 * its replicas and requests against each environment's bounds.
 */
export async function componentImpact(
  deps: TrafficDeps,
  o: { ref: string; environment?: string },
  ctx: ActionContext,
): Promise<ComponentImpact> {
  const catalog = await deps.catalog();
  const { component, endpoints } = await subjectOf(deps, catalog, o.ref, ctx);
  const componentRef = stringifyEntityRef(component);
  if (o.environment !== undefined && !catalog.environment(o.environment))
    throw new NotFoundError(
      `environment "${o.environment}" is not in the catalog`,
    );
  const environments =
    o.environment !== undefined
      ? [o.environment]
      : catalog.environments.map(e => e.metadata.name);
  const found = findDependants({ catalog, subject: component, endpoints });
  const consumerRefs = endpoints.flatMap(e =>
    catalog.consumersOf(stringifyEntityRef(e)).map(c => stringifyEntityRef(c)),
  );
  const readable = await readableRefs(
    deps,
    [componentRef, ...found.map(d => d.componentRef), ...consumerRefs],
    ctx,
  );
  const isReadable = (ref: string) => readable.has(ref);
  const deployed = (await deps.store.listDeployments()).filter(
    d => d.desiredState === 'deployed' && environments.includes(d.environment),
  );
  const deployedIn = (ref: string) =>
    deployed
      .filter(d => lower(d.componentRef) === lower(ref))
      .map(d => d.environment);

  const ifUndeployed: ComponentImpact['ifUndeployed'] = [];
  const capacity: ComponentImpact['capacity'] = [];
  const endpointRefs = new Set(
    endpoints.map(e => lower(stringifyEntityRef(e))),
  );
  for (const environment of deployedIn(componentRef)) {
    const before = await planWhatIf(deps, { catalog, environment });
    const after = await planWhatIf(deps, {
      catalog,
      environment,
      whatIf: { componentRef },
    });
    const paths = candidatePaths({
      catalog,
      plans: [before],
      subjectRef: componentRef,
    }).filter(
      p =>
        lower(p.toRef) === lower(componentRef) &&
        endpointRefs.has(lower(p.endpointRef ?? '')),
    );
    const changes = diffPaths({ before, after, paths, readable });
    ifUndeployed.push({
      environment,
      closes: changes.closes,
      unreadable: changes.unreadable,
    });
    capacity.push(
      capacityRow({
        environment,
        environmentEntity: catalog.environment(environment),
        plan: [...before.plans].find(
          ([ref]) => lower(ref) === lower(componentRef),
        )?.[1],
      }),
    );
  }
  const visible = found.filter(d => isReadable(d.componentRef));
  return {
    subjectRef:
      endpoints.length === 1 && lower(parseEntityRef(o.ref).kind) === 'endpoint'
        ? stringifyEntityRef(endpoints[0])
        : componentRef,
    componentRef,
    environments,
    dependants: visible.map(d => ({
      ...d,
      deployedIn: deployedIn(d.componentRef),
    })),
    unreadableDependants: found.length - visible.length,
    ifUndeployed,
    ifEndpointRemoved: endpoints.map(e => {
      const endpointRef = stringifyEntityRef(e);
      return {
        endpointRef,
        consumers: catalog
          .consumersOf(endpointRef)
          .map(c => stringifyEntityRef(c))
          .filter(isReadable),
      };
    }),
    ifVisibilityNarrowed: narrowings({
      catalog,
      provider: component,
      endpoints,
      isReadable,
    }),
    capacity,
  };
}
