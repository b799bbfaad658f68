import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { tryResolveEntityRef } from './entityRefs';

/**
 * The ref of the project (System) a component belongs to — its `spec.system` resolved in the
 * component's namespace, `system:default/shop` — or undefined when it names none (or is not a
 * ref). The catalog and the portal identify projects by this ref.
 *
 * @public
 */
export function projectRefOf(component: Entity): string | undefined {
  return tryResolveEntityRef(
    component.spec?.system,
    'System',
    component.metadata.namespace,
  );
}

/**
 * The name of the project a component belongs to — `shop` for `spec.system` written as `shop`,
 * `system:shop` or `system:default/shop` — or undefined when it names none. Compiled objects
 * carry this name (in namespace names and the `stagecraft.dev/project` label), so two Systems
 * of one name in different catalog namespaces are one project in Kubernetes. The name is
 * returned as written (not lower-cased), so validation can refuse one Kubernetes cannot use.
 *
 * @public
 */
export function projectNameOf(component: Entity): string | undefined {
  const system = component.spec?.system;
  if (typeof system !== 'string' || !system) return undefined;
  try {
    return parseEntityRef(system, {
      defaultKind: 'System',
      defaultNamespace: component.metadata.namespace ?? 'default',
    }).name;
  } catch {
    return undefined;
  }
}
