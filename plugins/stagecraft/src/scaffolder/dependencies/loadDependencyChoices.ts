import { Entity } from '@backstage/catalog-model';
import type { CatalogApi } from '@backstage/plugin-catalog-react';
import {
  projectRefOf,
  providerRefOf,
  StagecraftKind,
  tryResolveEntityRef,
} from '@stagecraft/plugin-stagecraft-common';
import { DependencyChoices, dependencyChoices } from './dependencyChoices';

/** Who will depend on the endpoints: a new component of a project, or an existing component. */
export type Consumer =
  | { project: string | undefined }
  | { component: string | undefined };

/**
 * Reads the catalog's Endpoints and the components serving them, and the consumer's project
 * (an existing component's `spec.system`), then splits the endpoints by visibility.
 */
export async function loadDependencyChoices(
  catalogApi: CatalogApi,
  consumer: Consumer,
): Promise<DependencyChoices & { consumerProject: string | undefined }> {
  const { items: endpoints } = await catalogApi.getEntities({
    filter: { kind: StagecraftKind.Endpoint },
  });
  const providerRefs = [
    ...new Set(endpoints.flatMap(e => providerRefOf(e) ?? [])),
  ];
  const componentRef =
    'component' in consumer
      ? tryResolveEntityRef(consumer.component, 'Component')
      : undefined;
  const [providers, component] = await Promise.all([
    providerRefs.length
      ? catalogApi
          .getEntitiesByRefs({ entityRefs: providerRefs })
          .then(r => r.items.filter((e): e is Entity => !!e))
      : [],
    componentRef ? catalogApi.getEntityByRef(componentRef) : undefined,
  ]);
  const consumerProject =
    'project' in consumer
      ? tryResolveEntityRef(consumer.project, 'System')
      : component && projectRefOf(component);
  return {
    consumerProject,
    ...dependencyChoices({
      endpoints,
      providers,
      consumerProject,
      // A component does not list its own endpoints as dependencies.
      exclude: ref => !!componentRef && ref === componentRef,
    }),
  };
}
