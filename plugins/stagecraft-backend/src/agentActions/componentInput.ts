import {
  KubernetesValidatorFunctions,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { STAGECRAFT_NAMESPACE } from '@stagecraft/plugin-stagecraft-common';
import type { z as zod } from 'zod/v3';
import type { DeploymentKey } from '../actions/types';

/** The zod the actions registry hands to schema callbacks (its v3 API). */
export type Zod = typeof zod;

/** `checkout-api`, `component:checkout-api` or `component:default/checkout-api`; kind any case. */
const COMPONENT_FORM = /^(?:component:(?:([^/:]+)\/)?)?([^/:]+)$/i;

/**
 * The full ref (`component:default/checkout-api`) of a component as an agent names it. One
 * catalog namespace holds everything Stagecraft deploys (ADR 0005), so a bare name means that
 * namespace; any other kind, namespace or malformed name is refused here, before a service is
 * asked, with the form that is expected.
 */
export function componentRefOfInput(written: string): string {
  const match = COMPONENT_FORM.exec(written.trim());
  const namespace = match?.[1];
  const name = match?.[2];
  if (
    !name ||
    (namespace !== undefined && namespace !== STAGECRAFT_NAMESPACE) ||
    !KubernetesValidatorFunctions.isValidObjectName(name)
  ) {
    throw new InputError(
      `"${written}" is not a component reference: write the component's name (checkout-api), component:<name> or component:${STAGECRAFT_NAMESPACE}/<name>; list-projects lists the components`,
    );
  }
  return stringifyEntityRef({
    kind: 'Component',
    namespace: STAGECRAFT_NAMESPACE,
    name,
  });
}

/** The `component` input field every per-component action takes. */
export const componentField = (z: Zod) =>
  z
    .string()
    .min(1)
    .max(300)
    .describe(
      'The component: its name (checkout-api) or entity ref (component:default/checkout-api). list-projects lists them.',
    );

/** An environment's name as the REST API accepts it: a DNS-1123 label. */
export const environmentField = (
  z: Zod,
  what = 'The environment',
  example = 'staging',
) =>
  z
    .string()
    .min(1)
    .max(63)
    .regex(
      /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
      'an environment name is a lower-case DNS label, e.g. staging',
    )
    .describe(`${what}. An environment name, e.g. ${example}.`);

/** A release id: the SHA-256 of its content, as history and status show it. */
export const releaseIdField = (z: Zod, what: string) =>
  z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'a release id is 64 lower-case hex digits')
    .describe(what);

/** The deployment `{component, environment}` input names, with the ref resolved. */
export function deploymentKeyOf(input: {
  component: string;
  environment: string;
}): DeploymentKey {
  return {
    componentRef: componentRefOfInput(input.component),
    environment: input.environment,
  };
}

/** Attributes of actions that only read: safe to call again, nothing changes. */
export const READ_ONLY = {
  readOnly: true,
  destructive: false,
  idempotent: true,
} as const;
