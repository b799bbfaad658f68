import {
  CompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { z as zod } from 'zod/v3';

/** The zod the scaffolder hands to schema callbacks. */
type Zod = typeof zod;

/** The `component` input of the actions that address a registered component. */
export const componentField = (z: Zod) =>
  z
    .string()
    .min(1)
    .max(300)
    .describe(
      'The component: its name (checkout-api) or entity ref (component:default/checkout-api)',
    );

/** An environment's name: a DNS-1123 label, as the Stagecraft API accepts it. */
export const environmentField = (z: Zod, what: string) =>
  z
    .string()
    .regex(
      /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
      'an environment name is a lower-case DNS label, e.g. staging',
    )
    .max(63)
    .describe(what);

/** The component a template names, as a compound ref; any other kind is refused. */
export function componentOf(written: string): CompoundEntityRef {
  let ref: CompoundEntityRef;
  try {
    ref = parseEntityRef(written.trim(), {
      defaultKind: 'component',
      defaultNamespace: 'default',
    });
  } catch (error) {
    throw new InputError(
      `"${written}" is not a component reference: write its name or component:default/<name>`,
    );
  }
  if (ref.kind.toLocaleLowerCase('en-US') !== 'component')
    throw new InputError(
      `"${written}" is a ${ref.kind}, not a component: write its name or component:default/<name>`,
    );
  return { kind: 'component', namespace: ref.namespace, name: ref.name };
}

/** `component:default/checkout-api` for any way a template names it. */
export function componentRefOf(written: string): string {
  return stringifyEntityRef(componentOf(written));
}

/**
 * The path of a component's Deploy tab in the portal (the frontend plugin's `DEPLOY_TAB_PATH`
 * under the catalog's entity page), for a template's output links.
 */
export function deployTabUrlOf(written: string): string {
  const { namespace, name } = componentOf(written);
  return `/catalog/${encodeURIComponent(
    namespace,
  )}/component/${encodeURIComponent(name)}/stagecraft-deploy`;
}
