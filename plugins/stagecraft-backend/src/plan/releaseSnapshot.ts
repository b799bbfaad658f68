import { Entity } from '@backstage/catalog-model';
import { tryResolveEntityRef } from '@stagecraft/plugin-stagecraft-common';
import { CatalogSnapshot } from '../catalog/CatalogSnapshot';

/**
 * What a release pins: the component's deploy-relevant intent and the exact component type
 * and trait specs it was built with. Rolling back to a release therefore restores the type and
 * traits of that time too, not today's.
 */
export interface ReleaseSnapshot {
  component: Entity;
  /** Catalog-authored type and traits; built-in and module-registered ones are code. */
  componentType?: Entity;
  traits: Entity[];
  image?: string;
}

/** The parts of an entity a compile reads; metadata churn (etags, relations) is not intent. */
function pin(entity: Entity, specKeys?: string[]): Entity {
  const spec = entity.spec ?? {};
  return {
    apiVersion: entity.apiVersion,
    kind: entity.kind,
    metadata: {
      name: entity.metadata.name,
      namespace: entity.metadata.namespace ?? 'default',
    },
    spec: specKeys
      ? Object.fromEntries(
          specKeys.filter(k => spec[k] !== undefined).map(k => [k, spec[k]]),
        )
      : spec,
  };
}

export function snapshotRelease(
  catalog: CatalogSnapshot,
  component: Entity,
): ReleaseSnapshot {
  const namespace = component.metadata.namespace ?? 'default';
  const spec = (component.spec ?? {}) as {
    type?: string;
    deploy?: { image?: string; traits?: { name: string }[] };
  };
  // An unparsable name is reported by the compiler, not here.
  const lookup = (name: string, kind: string) => {
    const ref = tryResolveEntityRef(name, kind, namespace);
    return ref ? catalog.get(ref) : undefined;
  };
  const componentType = spec.type
    ? lookup(spec.type, 'ComponentType')
    : undefined;
  const traits = (spec.deploy?.traits ?? [])
    .map(t => lookup(t.name, 'Trait'))
    .filter((t): t is Entity => t !== undefined);
  return {
    component: pin(component, ['type', 'system', 'dependsOn', 'deploy']),
    componentType: componentType && pin(componentType),
    traits: traits.map(t => pin(t)),
    image: spec.deploy?.image,
  };
}

/** Reads a stored release snapshot back; older or foreign shapes are rejected clearly. */
export function readSnapshot(
  snapshot: Record<string, unknown>,
): ReleaseSnapshot {
  const component = snapshot.component as Entity | undefined;
  if (!component?.metadata?.name || !component.kind) {
    throw new Error('release snapshot has no component; it cannot be compiled');
  }
  return {
    component,
    componentType: snapshot.componentType as Entity | undefined,
    traits: (snapshot.traits as Entity[] | undefined) ?? [],
    image: snapshot.image as string | undefined,
  };
}

/** The component entity a stored release pins; undefined when the snapshot is unreadable. */
export function snapshotComponent(
  snapshot: Record<string, unknown>,
): Entity | undefined {
  try {
    return readSnapshot(snapshot).component;
  } catch {
    return undefined;
  }
}
