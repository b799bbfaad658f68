import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  CatalogIndex,
  projectRefOf,
  tryResolveEntityRef,
} from '@stagecraft/plugin-stagecraft-common';
import type { CatalogHold } from './CatalogGuard';

/**
 * The catalog entities the control plane works from, fetched once and indexed (the shared
 * `CatalogIndex`: refs, endpoints, consumers, dependencies, pipelines) so that a reconcile
 * compiles only the entities its component involves — not the whole environment: that would
 * make reconciling n components O(n²).
 */
export class CatalogSnapshot extends CatalogIndex {
  /**
   * Set when this is the last complete read, served because a later read lost too much of the
   * catalog (CatalogSource): the hold says what vanished and what the operator can do.
   */
  heldBack?: CatalogHold;

  /**
   * The catalog's components that depend on one of `componentRef`'s endpoints. A provider's
   * compile reads them (its ingress policy admits those deployed), and they read it back (their
   * connections name its namespace and say whether it is deployed).
   */
  consumersOfComponent(componentRef: string): Entity[] {
    return this.endpointsServedBy(componentRef).flatMap(endpoint =>
      this.consumersOf(stringifyEntityRef(endpoint)),
    );
  }

  /**
   * The entities one component's compile involves: every environment, its system, type and
   * traits, its endpoints and their consumers (ingress policy), the endpoints it depends on and
   * their providers (egress policy, connection settings), and those components' Systems.
   * `component` may be a release's snapshot of the catalog entity; it replaces the catalog's
   * version. `neighboursOf` is the inverse of the component part: keep the two in step.
   */
  involvedEntities(component: Entity, extra: Entity[] = []): Entity[] {
    const ref = stringifyEntityRef(component);
    const namespace = component.metadata.namespace;
    const spec = (component.spec ?? {}) as {
      type?: unknown;
      deploy?: { traits?: { name?: unknown }[] };
    };
    const out = new Map<string, Entity>();
    const add = (entity: Entity | undefined) => {
      if (entity) out.set(stringifyEntityRef(entity), entity);
    };
    const lookup = (written: unknown, kind: string) => {
      const found = tryResolveEntityRef(written, kind, namespace);
      return found ? this.get(found) : undefined;
    };
    // Every component compiled needs its System (a project is a System entity): without it
    // the compiler would leave out a deployed neighbour, and its traffic with it.
    const addSystemOf = (c: Entity | undefined) => {
      const project = c && projectRefOf(c);
      if (project) add(this.get(project));
    };
    for (const e of this.environments) add(e);
    addSystemOf(component);
    add(lookup(spec.type, 'ComponentType'));
    for (const trait of spec.deploy?.traits ?? [])
      add(lookup(trait?.name, 'Trait'));
    for (const endpoint of this.endpointsServedBy(ref)) add(endpoint);
    for (const consumer of this.consumersOfComponent(ref)) {
      add(consumer);
      addSystemOf(consumer);
    }
    for (const { endpoint, provider } of this.dependenciesOf(component)) {
      add(endpoint);
      add(provider);
      addSystemOf(provider);
    }
    // Extra entities (a release's pinned type and traits) win over the catalog's.
    for (const e of extra) add(e);
    add(component);
    return [...out.values()];
  }
}
