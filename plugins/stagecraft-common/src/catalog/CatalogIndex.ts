import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { StagecraftKind } from '../constants';
import type { EndpointEntity } from '../kinds';
import { PipelineStage, pipelineRefFor, pipelineStages } from '../pipelines';
import { hasDeployIntent } from './deployIntent';
import {
  EndpointDependency,
  endpointDependenciesOf,
  isStagecraftEndpoint,
  providerRefOf,
} from './endpoints';
import { environmentRef } from './entityRefs';
import { projectRefOf } from './projects';
import { isStagecraftEntity } from './stagecraftEntities';

/**
 * A component's dependency on an endpoint, with the endpoint and the component serving it as
 * far as the catalog holds them.
 *
 * @public
 */
export interface ResolvedDependency extends EndpointDependency {
  /** Undefined when the catalog holds no Stagecraft Endpoint of that ref. */
  endpoint?: EndpointEntity;
  /** The component the endpoint names as its server (`spec.component`). */
  providerRef?: string;
  /** Undefined when the catalog does not hold it. */
  provider?: Entity;
}

/**
 * A `DeploymentPipeline` as the control plane and validation use it: its ref and its stages.
 *
 * @public
 */
export interface ResolvedPipeline {
  ref: string;
  stages: PipelineStage[];
}

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');
const byRef = (a: Entity, b: Entity) =>
  stringifyEntityRef(a).localeCompare(stringifyEntityRef(b));

/**
 * Catalog entities by ref, with the relations Stagecraft derives from specs (who serves an
 * endpoint, who depends on it), so they hold before the catalog has processed relations. The
 * compiler, the control plane and the portal all look entities up through it; it indexes the
 * entities exactly as given (the compiler gives defaulted copies, the control plane raw ones).
 *
 * @public
 */
export class CatalogIndex {
  private readonly byRef = new Map<string, Entity>();
  private readonly endpointsByProvider = new Map<string, EndpointEntity[]>();
  private readonly consumersByEndpoint = new Map<string, Entity[]>();
  /**
   * The Stagecraft Environments, in the catalog's order. Every compile involves all of them:
   * found by a scan of the whole catalog each time, they cost a converge of n components n
   * scans.
   */
  readonly environments: readonly Entity[];

  constructor(readonly entities: readonly Entity[]) {
    for (const entity of entities)
      this.byRef.set(stringifyEntityRef(entity), entity);
    this.environments = entities.filter(e =>
      isStagecraftEntity(e, StagecraftKind.Environment),
    );
    for (const entity of this.byRef.values()) {
      const provider = isStagecraftEndpoint(entity) && providerRefOf(entity);
      if (provider) push(this.endpointsByProvider, provider, entity);
      if (entity.kind !== 'Component') continue;
      for (const { endpointRef } of endpointDependenciesOf(entity))
        push(this.consumersByEndpoint, endpointRef, entity);
    }
    // Stable orders: compiled output and drawings must not depend on the catalog's order.
    for (const list of this.endpointsByProvider.values())
      list.sort(
        (a, b) => a.metadata.name.localeCompare(b.metadata.name) || byRef(a, b),
      );
    for (const list of this.consumersByEndpoint.values()) list.sort(byRef);
  }

  /** The entity of a full ref, in any letter case. */
  get(ref: string): Entity | undefined {
    return this.byRef.get(lower(ref));
  }

  /** A Stagecraft Endpoint by ref; undefined for anything else. */
  endpoint(ref: string): EndpointEntity | undefined {
    const entity = this.get(ref);
    return entity && isStagecraftEndpoint(entity) ? entity : undefined;
  }

  /** The Stagecraft Environment of a name (see `environmentRef`). */
  environment(name: string): Entity | undefined {
    const entity = this.get(environmentRef(name));
    return entity && isStagecraftEntity(entity, StagecraftKind.Environment)
      ? entity
      : undefined;
  }

  /** Components with deploy intent (`hasDeployIntent`), sorted by ref. */
  deployableComponents(): Entity[] {
    return [...this.byRef.values()].filter(hasDeployIntent).sort(byRef);
  }

  /** The ref of the pipeline a component's releases follow (see `pipelineRefFor`). */
  pipelineRefOf(component: Entity): string {
    const projectRef = projectRefOf(component);
    const system = projectRef ? this.get(projectRef) : undefined;
    return stringifyEntityRef(pipelineRefFor(component, system));
  }

  /** The pipeline a component's releases follow; undefined when the catalog holds no valid one. */
  pipelineFor(component: Entity): ResolvedPipeline | undefined {
    const ref = this.pipelineRefOf(component);
    const entity = this.get(ref);
    const stages = entity && pipelineStages(entity);
    return stages ? { ref, stages } : undefined;
  }

  /** The components of a project (by System ref, `system:default/shop`), sorted by ref. */
  componentsOfProject(projectRef: string): Entity[] {
    const wanted = lower(projectRef);
    return [...this.byRef.values()]
      .filter(e => e.kind === 'Component' && projectRefOf(e) === wanted)
      .sort(byRef);
  }

  /** The Endpoints a component serves, sorted by name. */
  endpointsServedBy(componentRef: string): EndpointEntity[] {
    return [...(this.endpointsByProvider.get(lower(componentRef)) ?? [])];
  }

  /** The components that declare a dependency on an endpoint, sorted by ref. */
  consumersOf(endpointRef: string): Entity[] {
    return [...(this.consumersByEndpoint.get(lower(endpointRef)) ?? [])];
  }

  /**
   * Every endpoint a component depends on, in `spec.dependsOn` order, with the endpoint and
   * its provider where the catalog holds them. `component` need not be in the index (a
   * release's snapshot of it, say).
   */
  dependenciesOf(component: Entity): ResolvedDependency[] {
    return endpointDependenciesOf(component).map(dependency => {
      const endpoint = this.endpoint(dependency.endpointRef);
      const providerRef = endpoint && providerRefOf(endpoint);
      const provider = providerRef ? this.get(providerRef) : undefined;
      return { ...dependency, endpoint, providerRef, provider };
    });
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
