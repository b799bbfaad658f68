import {
  KubernetesValidatorFunctions,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { STAGECRAFT_NAMESPACE } from '@stagecraft/plugin-stagecraft-common';
import { componentRefOfInput, Zod } from './componentInput';

/** `endpoint:orders-http` or `endpoint:default/orders-http`; kind any case. */
const ENDPOINT_FORM = /^endpoint:(?:([^/:]+)\/)?([^/:]+)$/i;

/**
 * The full ref of what a traffic question goes to, as an agent names it: an endpoint
 * (`endpoint:orders-http`) or a component (as `componentRefOfInput` reads it). Anything else
 * is refused before a service is asked, with the forms that are expected.
 */
export function trafficTargetOfInput(written: string): string {
  const match = ENDPOINT_FORM.exec(written.trim());
  if (!match) return componentRefOfInput(written);
  const [, namespace, name] = match;
  if (
    (namespace !== undefined && namespace !== STAGECRAFT_NAMESPACE) ||
    !KubernetesValidatorFunctions.isValidObjectName(name)
  )
    throw new InputError(
      `"${written}" is not an endpoint reference: write endpoint:<name> or endpoint:${STAGECRAFT_NAMESPACE}/<name>; get-dependencies lists a component's endpoints`,
    );
  return stringifyEntityRef({
    kind: 'Endpoint',
    namespace: STAGECRAFT_NAMESPACE,
    name,
  });
}

/** A port: 1–65535. */
export const portField = (z: Zod, what: string) =>
  z.number().int().min(1).max(65535).describe(what);

/** The visibility values of an Endpoint. */
export const visibilityField = (z: Zod) =>
  z
    .enum(['project', 'organization', 'public'])
    .describe(
      'Who may depend on the endpoint: "project" only components of its own project, "organization" every project, "public" every project and the public gateway.',
    );
