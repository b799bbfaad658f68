import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  DeployableComponentEntity,
  EndpointEntity,
  EnvironmentEntity,
  componentDeploySchema,
  STAGECRAFT_API_VERSION,
  stagecraftSpecSchemas,
  StagecraftKind,
} from '@stagecraft/plugin-stagecraft-common';

/**
 * Lookups over the catalog entities a compile involves. Stagecraft kinds are parsed with
 * their schemas here, so the compiler always sees defaulted, valid specs.
 */
export class CatalogIndex {
  private readonly byRef = new Map<string, Entity>();
  private readonly endpointsByComponent = new Map<string, EndpointEntity[]>();

  constructor(entities: Entity[]) {
    for (const entity of entities) {
      this.byRef.set(stringifyEntityRef(entity), this.parsed(entity));
    }
    for (const entity of this.byRef.values()) {
      if (
        entity.kind !== 'Endpoint' ||
        entity.apiVersion !== STAGECRAFT_API_VERSION
      )
        continue;
      const endpoint = entity as EndpointEntity;
      if (typeof endpoint.spec?.component !== 'string') continue;
      const owner = CatalogIndex.ref(
        endpoint.spec.component,
        'Component',
        endpoint.metadata.namespace,
      );
      this.endpointsByComponent.set(owner, [
        ...(this.endpointsByComponent.get(owner) ?? []),
        endpoint,
      ]);
    }
  }

  /** Normalises a ref as written in a spec (kind and namespace optional). */
  static ref(
    value: string,
    defaultKind: string,
    defaultNamespace = 'default',
  ): string {
    return stringifyEntityRef(
      parseEntityRef(value, { defaultKind, defaultNamespace }),
    );
  }

  get(ref: string): Entity | undefined {
    return this.byRef.get(ref);
  }

  environment(name: string): EnvironmentEntity | undefined {
    return this.get(CatalogIndex.ref(name, 'Environment')) as
      | EnvironmentEntity
      | undefined;
  }

  endpoint(ref: string): EndpointEntity | undefined {
    const entity = this.get(ref);
    return entity?.kind === 'Endpoint' ? (entity as EndpointEntity) : undefined;
  }

  /** Components with deploy intent, sorted by ref. */
  deployableComponents(): DeployableComponentEntity[] {
    return [...this.byRef.entries()]
      .filter(
        ([, e]) =>
          e.kind === 'Component' &&
          (e.spec as { deploy?: unknown })?.deploy !== undefined,
      )
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([, e]) => e as DeployableComponentEntity);
  }

  /** Endpoints a component serves, sorted by name. */
  endpointsOf(componentRef: string): EndpointEntity[] {
    return [...(this.endpointsByComponent.get(componentRef) ?? [])].sort(
      (a, b) => a.metadata.name.localeCompare(b.metadata.name),
    );
  }

  /**
   * Entities as the compiler needs them, as copies (the caller's objects are never changed):
   * Stagecraft kinds with defaulted specs, and deployable Components with parsed deploy
   * intent and `spec.system` reduced to the project's name — it becomes namespace names and
   * label values, so a ref such as `system:default/shop` must not reach them verbatim.
   */
  private parsed(entity: Entity): Entity {
    if (
      entity.kind === 'Component' &&
      (entity.spec as { deploy?: unknown })?.deploy !== undefined
    ) {
      const spec = entity.spec as { deploy: unknown; system?: unknown };
      const deploy = componentDeploySchema.safeParse(spec.deploy);
      if (!deploy.success || typeof spec.system !== 'string' || !spec.system)
        return entity;
      const system = parseEntityRef(spec.system, {
        defaultKind: 'system',
        defaultNamespace: entity.metadata.namespace,
      }).name;
      return {
        ...entity,
        spec: { ...entity.spec, deploy: deploy.data, system } as Entity['spec'],
      };
    }
    if (entity.apiVersion !== STAGECRAFT_API_VERSION) return entity;
    const schema = stagecraftSpecSchemas[entity.kind as StagecraftKind];
    const result = schema?.safeParse(entity.spec ?? {});
    // Invalid entities stay as they are; validation reports them, the compiler skips them.
    return result?.success
      ? { ...entity, spec: result.data as Entity['spec'] }
      : entity;
  }
}
