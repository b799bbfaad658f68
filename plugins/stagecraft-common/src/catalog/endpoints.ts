import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { StagecraftKind } from '../constants';
import type { EndpointEntity } from '../kinds';
import { tryResolveEntityRef } from './entityRefs';
import { isStagecraftEntity } from './stagecraftEntities';

/**
 * Whether an entity is one of Stagecraft's Endpoints (another plugin may own a kind of that
 * name). The catalog processor has validated its spec; `withSpecDefaults` fills its defaults.
 *
 * @public
 */
export function isStagecraftEndpoint(entity: Entity): entity is EndpointEntity {
  return isStagecraftEntity(entity, StagecraftKind.Endpoint);
}

/**
 * The ref of the component serving an endpoint (`spec.component`, resolved in the endpoint's
 * namespace), or undefined when it names none — or names a component of another catalog
 * namespace: an endpoint cannot attach itself to a component it does not live beside, so an
 * Endpoint registered elsewhere can neither expose a component of the `default` namespace nor
 * block its compile (ADR 0005).
 *
 * @public
 */
export function providerRefOf(endpoint: Entity): string | undefined {
  const namespace = endpoint.metadata.namespace ?? 'default';
  const ref = tryResolveEntityRef(
    endpoint.spec?.component,
    'Component',
    namespace,
  );
  return ref &&
    parseEntityRef(ref).namespace === namespace.toLocaleLowerCase('en-US')
    ? ref
    : undefined;
}

/**
 * One entry of a component's `spec.dependsOn` that names an endpoint.
 *
 * @public
 */
export interface EndpointDependency {
  /** The endpoint's full ref, `endpoint:default/orders-http`. */
  endpointRef: string;
  /** The entry as written, which keys `spec.deploy.connections`. */
  written: string;
  /** Its position in `spec.dependsOn`, for messages naming the field. */
  index: number;
}

/**
 * The endpoints a component depends on (`spec.dependsOn`, resolved in its namespace with
 * `Component` as the default kind, so `endpoint:orders-http` names an endpoint and `legacy-erp`
 * a component). Only dependencies on endpoints carry traffic; an entry that is not a ref names
 * nothing (validation reports it).
 *
 * @public
 */
export function endpointDependenciesOf(
  component: Entity,
): EndpointDependency[] {
  const dependsOn = component.spec?.dependsOn;
  if (!Array.isArray(dependsOn)) return [];
  return dependsOn.flatMap((written: unknown, index) => {
    const ref = tryResolveEntityRef(
      written,
      'Component',
      component.metadata.namespace,
    );
    return ref?.startsWith('endpoint:')
      ? [{ endpointRef: ref, written: written as string, index }]
      : [];
  });
}
