/**
 * The vocabulary the security rules are written in: reading a securityContext field as
 * Kubernetes applies it, and turning a wrong value into a finding with its path.
 */

import { excerpt } from '../../templates/excerpt';
import {
  ContainerAt,
  fieldPath,
  isJsonMap,
  mapField,
  PodSpecAt,
} from './podSpecs';

/** One field of a rendered pod that breaks a rule, and what is wrong with it. */
export interface Finding {
  /** From the object's root: `spec.template.spec.containers[0].securityContext.privileged`. */
  path: string;
  problem: string;
}

/** A field's value and the path it sits at. */
export interface Setting {
  value: unknown;
  path: string;
}

export const isSet = (value: unknown) => value !== undefined && value !== null;

/** Anything but absent or false counts as turned on (the API server decides what it means). */
export const isOn = (value: unknown) => isSet(value) && value !== false;

/**
 * A rendered value as an error quotes it: at most a short excerpt, since a template can put a
 * 200 kB string or list in any field and the message reaches logs, the CLI and HTTP bodies.
 */
export function shown(value: unknown): string {
  if (!isSet(value)) return 'unset';
  return excerpt(typeof value === 'string' ? value : JSON.stringify(value));
}

/** A container-only securityContext field (no pod-level default exists for it). */
export function own(c: ContainerAt, field: string): Setting {
  const value = mapField(c.container, 'securityContext')[field];
  return { value, path: `${c.path}.securityContext.${field}` };
}

/** The pod-level securityContext field (some fields exist at both levels). */
export function podLevel(pod: PodSpecAt, field: string) {
  const value = mapField(pod.spec, 'securityContext')[field];
  return { value, path: `${fieldPath(pod.path, 'securityContext')}.${field}` };
}

/** A field of a map-valued setting: `seccompProfile` → `seccompProfile.type`. */
export function within(setting: Setting, field: string): Setting {
  const value = isJsonMap(setting.value) ? setting.value[field] : undefined;
  return { value, path: `${setting.path}.${field}` };
}

/**
 * A securityContext field as Kubernetes applies it to a container: the container's own value,
 * else the pod's; the path says where the value comes from (the pod's when neither sets it).
 */
export function effective(
  pod: PodSpecAt,
  c: ContainerAt,
  field: string,
): Setting {
  const mine = own(c, field);
  const inherited = podLevel(pod, field);
  return isSet(mine.value) ? mine : inherited;
}

type Check = (pod: PodSpecAt, c: ContainerAt) => (Finding | false)[];

export const isFinding = (f: Finding | false): f is Finding => f !== false;

/** Runs a check on every container of the pod (app, init, ephemeral). */
export const eachContainer =
  (check: Check) =>
  (pod: PodSpecAt): Finding[] =>
    pod.containers.flatMap(c => check(pod, c).filter(isFinding));

/** A finding when `wrong`; the problem is only worded then (most checks pass). */
export const unless = (wrong: boolean, path: string, problem: () => string) =>
  wrong && { path, problem: problem() };

/** The field must be exactly `required` (unset counts as wrong: Kubernetes' defaults are loose). */
export const mustBe = (setting: Setting, required: unknown, whenUnset = '') =>
  unless(
    setting.value !== required,
    setting.path,
    () =>
      `is ${shown(setting.value)}${
        isSet(setting.value) ? '' : whenUnset
      }, not ${shown(required)}`,
  );

export const mustBeOff = (setting: Setting) =>
  unless(isOn(setting.value), setting.path, () => `is ${shown(setting.value)}`);
