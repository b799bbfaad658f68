import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  PipelineStage,
  pipelineRefFor,
  pipelineStages,
} from '@stagecraft/plugin-stagecraft-common';

/** A pipeline as the control plane uses it: ordered environment names. */
export interface Pipeline {
  ref: string;
  stages: PipelineStage[];
}

const normalise = (written: string, kind: string, namespace = 'default') =>
  stringifyEntityRef(
    parseEntityRef(written, { defaultKind: kind, defaultNamespace: namespace }),
  );

/**
 * The catalog entities the control plane works from, fetched once and indexed so that a
 * reconcile compiles only the entities its component involves (not the whole environment:
 * that would make reconciling n components O(n²)).
 */
export class CatalogSnapshot {
  private readonly byRef = new Map<string, Entity>();
  private readonly endpointsByComponent = new Map<string, Entity[]>();
  private readonly consumersByEndpoint = new Map<string, Entity[]>();

  constructor(readonly entities: Entity[]) {
    for (const entity of entities) {
      this.byRef.set(
        stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
        entity,
      );
    }
    for (const entity of entities) {
      const spec = (entity.spec ?? {}) as {
        component?: unknown;
        dependsOn?: unknown;
      };
      if (entity.kind === 'Endpoint' && typeof spec.component === 'string') {
        push(
          this.endpointsByComponent,
          normalise(spec.component, 'Component', entity.metadata.namespace),
          entity,
        );
      }
      if (entity.kind === 'Component' && Array.isArray(spec.dependsOn)) {
        for (const written of spec.dependsOn) {
          if (typeof written !== 'string') continue;
          const ref = safeRef(written, 'Component', entity.metadata.namespace);
          if (ref?.startsWith('endpoint:'))
            push(this.consumersByEndpoint, ref, entity);
        }
      }
    }
  }

  get(ref: string): Entity | undefined {
    return this.byRef.get(ref.toLocaleLowerCase('en-US'));
  }

  /** Components with deploy intent. */
  deployableComponents(): Entity[] {
    return this.entities.filter(
      e =>
        e.kind === 'Component' &&
        (e.spec as { deploy?: unknown } | undefined)?.deploy !== undefined,
    );
  }

  environmentNames(): string[] {
    return this.entities
      .filter(e => e.kind === 'Environment')
      .map(e => e.metadata.name)
      .sort();
  }

  /** The pipeline a component's releases follow, or undefined when there is none. */
  pipelineFor(component: Entity): Pipeline | undefined {
    const namespace = component.metadata.namespace ?? 'default';
    const system =
      typeof component.spec?.system === 'string'
        ? this.get(normalise(component.spec.system, 'System', namespace))
        : undefined;
    const ref = stringifyEntityRef(pipelineRefFor(component, system));
    const entity = this.get(ref);
    const stages = entity && pipelineStages(entity);
    return stages ? { ref, stages } : undefined;
  }

  /** The Endpoint entities a component serves (`spec.component`). */
  endpointsOf(componentRef: string): Entity[] {
    return this.endpointsByComponent.get(componentRef) ?? [];
  }

  /**
   * The catalog's components that depend on one of `componentRef`'s endpoints. A provider's
   * compile reads them (its ingress policy admits those deployed), and they read it back (their
   * connections name its namespace and say whether it is deployed).
   */
  consumersOf(componentRef: string): Entity[] {
    return this.endpointsOf(componentRef).flatMap(
      endpoint =>
        this.consumersByEndpoint.get(stringifyEntityRef(endpoint)) ?? [],
    );
  }

  /**
   * The endpoints `component` depends on that the catalog holds, each with the component
   * serving it when that is in the catalog too. `component` may be a release's snapshot.
   */
  dependenciesOf(component: Entity): { endpoint: Entity; provider?: Entity }[] {
    const namespace = component.metadata.namespace ?? 'default';
    const dependsOn = (component.spec as { dependsOn?: unknown } | undefined)
      ?.dependsOn;
    const out: { endpoint: Entity; provider?: Entity }[] = [];
    for (const written of Array.isArray(dependsOn) ? dependsOn : []) {
      const ref =
        typeof written === 'string'
          ? safeRef(written, 'Component', namespace)
          : undefined;
      // Component-level dependencies carry no traffic; the compiler ignores them too.
      const endpoint = ref?.startsWith('endpoint:') ? this.get(ref) : undefined;
      if (!endpoint) continue;
      const served = (endpoint.spec as { component?: unknown } | undefined)
        ?.component;
      const providerRef =
        typeof served === 'string'
          ? safeRef(served, 'Component', endpoint.metadata.namespace)
          : undefined;
      const provider = providerRef ? this.get(providerRef) : undefined;
      out.push({ endpoint, provider });
    }
    return out;
  }

  /**
   * The entities one component's compile involves: every environment, its system, type and
   * traits, its endpoints and their consumers (ingress policy), the endpoints it depends on and
   * their providers (egress policy, connection settings). `component` may be a release's
   * snapshot of the catalog entity; it replaces the catalog's version. `neighboursOf` is the
   * inverse of the component part: keep the two in step.
   */
  involvedEntities(component: Entity, extra: Entity[] = []): Entity[] {
    const ref = stringifyEntityRef(component);
    const namespace = component.metadata.namespace ?? 'default';
    const spec = (component.spec ?? {}) as {
      system?: unknown;
      type?: unknown;
      deploy?: { traits?: { name?: unknown }[] };
    };
    const out = new Map<string, Entity>();
    const add = (entity: Entity | undefined) => {
      if (entity) out.set(stringifyEntityRef(entity), entity);
    };
    for (const e of this.entities) if (e.kind === 'Environment') add(e);
    if (typeof spec.system === 'string')
      add(this.get(normalise(spec.system, 'System', namespace)));
    if (typeof spec.type === 'string')
      add(this.get(normalise(spec.type, 'ComponentType', namespace)));
    for (const trait of spec.deploy?.traits ?? []) {
      if (typeof trait?.name === 'string')
        add(this.get(normalise(trait.name, 'Trait', namespace)));
    }
    for (const endpoint of this.endpointsOf(ref)) add(endpoint);
    for (const consumer of this.consumersOf(ref)) add(consumer);
    for (const { endpoint, provider } of this.dependenciesOf(component)) {
      add(endpoint);
      add(provider);
    }
    // Extra entities (a release's pinned type and traits) win over the catalog's.
    for (const e of extra) add(e);
    add(component);
    return [...out.values()];
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function safeRef(written: string, kind: string, namespace?: string) {
  try {
    return normalise(written, kind, namespace);
  } catch {
    return undefined;
  }
}
