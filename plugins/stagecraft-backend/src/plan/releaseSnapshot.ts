import { Entity } from '@backstage/catalog-model';
import { tryResolveEntityRef } from '@stagecraft/plugin-stagecraft-common';
import { deployRelevantPart } from '@stagecraft/plugin-stagecraft-node';
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
    // What a release pins is what counts as a change everywhere (the catalog module's events
    // and the trigger's fingerprint use the same definition).
    component: deployRelevantPart(component)!,
    componentType: componentType && deployRelevantPart(componentType),
    traits: traits.map(t => deployRelevantPart(t)!),
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
