import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/**
 * The one catalog namespace Stagecraft deploys from: its projects (Systems), deployable
 * Components, Endpoints and Environments live in it (ADR 0005). Kubernetes names carry entity
 * names only, so two catalog namespaces would map onto the same objects.
 *
 * @public
 */
export const STAGECRAFT_NAMESPACE = 'default';

/**
 * Whether a full ref (`system:default/payments`) is in {@link STAGECRAFT_NAMESPACE}.
 *
 * @public
 */
export function isInStagecraftNamespace(ref: string): boolean {
  return parseEntityRef(ref).namespace === STAGECRAFT_NAMESPACE;
}

/**
 * A ref as written in a catalog file (`orders-http`, `endpoint:orders-http`,
 * `system:shop/payments`), completed with the kind and namespace it is written relative to,
 * as the full lower-case ref the catalog keys entities by (`endpoint:shop/orders-http`).
 * Throws when `written` is not on the form `[<kind>:][<namespace>/]<name>`.
 *
 * @public
 */
export function resolveEntityRef(
  written: string,
  defaultKind: string,
  defaultNamespace: string = 'default',
): string {
  return stringifyEntityRef(
    parseEntityRef(written, { defaultKind, defaultNamespace }),
  );
}

/**
 * {@link resolveEntityRef} for fields nobody has validated: undefined for anything that is not
 * a non-empty string on the form of a ref, instead of an exception.
 *
 * @public
 */
export function tryResolveEntityRef(
  written: unknown,
  defaultKind: string,
  defaultNamespace: string = 'default',
): string | undefined {
  if (typeof written !== 'string' || !written) return undefined;
  try {
    return resolveEntityRef(written, defaultKind, defaultNamespace);
  } catch {
    return undefined;
  }
}

/**
 * The ref of the `Environment` named `name`. Deployments, pipelines and the API name
 * environments by their name alone, so every environment lives in the `default` namespace; the
 * name is taken as it is, never parsed (a name such as `other/prod` does not reach into another
 * namespace).
 *
 * @public
 */
export function environmentRef(name: string): string {
  return stringifyEntityRef({
    kind: 'Environment',
    namespace: STAGECRAFT_NAMESPACE,
    name,
  });
}
