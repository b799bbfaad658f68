import { StagecraftLabel } from '@stagecraft/plugin-stagecraft-common';
import { fieldPath, isJsonMap, JsonMap, mapField, PodSpecAt } from './podSpecs';
import type { Finding, ObjectRule } from './rules';
import { isSet, shown } from './securityContextChecks';

/** Who a component is, as the labels of its objects and pods say. */
export interface ComponentIdentity {
  /**
   * The labels the compiler puts on each of its objects and pod templates (labels.ts
   * `labelsFor`): managed-by, project, environment, component, backstage.io/kubernetes-id.
   */
  labels: Readonly<Record<string, string>>;
  /** The endpoints it serves: the values `stagecraft.dev/endpoint` may take on its objects. */
  endpoints: readonly string[];
  /** Its ServiceAccount, the only one its pods may run as. */
  serviceAccount: string;
}

/** Labels under this prefix are Stagecraft's, whether the compiler sets them today or not. */
const RESERVED_PREFIX = 'stagecraft.dev/';

/**
 * An object's or pod template's labels must hold every identity label with the component's
 * value; a selector must select the component (other identity labels it names must match).
 */
type Expect = 'identity' | 'selects the component';

function labelFindings(
  labels: unknown,
  path: string,
  identity: ComponentIdentity,
  expect: Expect,
): Finding[] {
  const map: JsonMap = isJsonMap(labels) ? labels : {};
  const at = (key: string) => `${path}["${shown(key)}"]`;
  const required =
    expect === 'identity'
      ? Object.keys(identity.labels)
      : [StagecraftLabel.Component];
  const missing = required.filter(key => !isSet(map[key]));
  // A map without the labels is one finding (a created workload that forgot them), not five.
  const findings: Finding[] =
    missing.length > 0
      ? [
          {
            path,
            problem: `lacks ${missing
              .map(key => `${key}: ${identity.labels[key]}`)
              .join(', ')} (${
              expect === 'identity'
                ? 'set them with labels: ${component.labels}'
                : 'select with ${component.selector}'
            })`,
          },
        ]
      : [];
  for (const key of required.filter(k => isSet(map[k])))
    if (map[key] !== identity.labels[key])
      findings.push({
        path: at(key),
        problem: `is ${shown(map[key])}, not ${identity.labels[key]}`,
      });
  const identityKeys = new Set(Object.keys(identity.labels));
  for (const [key, value] of Object.entries(map)) {
    if (required.includes(key)) continue;
    if (identityKeys.has(key)) {
      if (value !== identity.labels[key])
        findings.push({
          path: at(key),
          problem: `is ${shown(value)}, not ${identity.labels[key]}`,
        });
    } else if (key === StagecraftLabel.Endpoint) {
      if (!identity.endpoints.includes(value as string))
        findings.push({
          path: at(key),
          problem: `is ${shown(value)}, not an endpoint the component serves (${
            identity.endpoints.join(', ') || 'none'
          })`,
        });
    } else if (key.startsWith(RESERVED_PREFIX)) {
      findings.push({ path: at(key), problem: 'is reserved for Stagecraft' });
    }
  }
  return findings;
}

/** What a controller's `selector` (a LabelSelector) pins: its matchLabels. */
const labelSelectorFindings = (
  selector: { path: string; value: unknown },
  identity: ComponentIdentity,
) =>
  labelFindings(
    isJsonMap(selector.value) ? selector.value.matchLabels : undefined,
    `${selector.path}.matchLabels`,
    identity,
    'selects the component',
  );

/** Kinds that select pods without owning a pod template. */
function podSelectorFindings(
  object: JsonMap,
  identity: ComponentIdentity,
): Finding[] {
  const spec = mapField(object, 'spec');
  if (!isSet(spec.selector)) return [];
  if (object.kind === 'PodDisruptionBudget')
    // policy/v1: an empty selector ({}) selects every pod in the namespace.
    return labelSelectorFindings(
      { path: 'spec.selector', value: spec.selector },
      identity,
    );
  if (object.kind === 'Service') {
    // A Service without a selector (or with an empty one) selects no pods.
    const empty =
      isJsonMap(spec.selector) && !Object.keys(spec.selector).length;
    return empty
      ? []
      : labelFindings(
          spec.selector,
          'spec.selector',
          identity,
          'selects the component',
        );
  }
  return [];
}

function podTemplateFindings(
  pod: PodSpecAt,
  identity: ComponentIdentity,
): Finding[] {
  // A bare Pod's metadata is the object's own, checked once already.
  const labels =
    pod.metadataPath === 'metadata'
      ? []
      : labelFindings(
          pod.metadata.labels,
          `${pod.metadataPath}.labels`,
          identity,
          'identity',
        );
  const selector =
    pod.selector && isSet(pod.selector.value)
      ? labelSelectorFindings(pod.selector, identity)
      : [];
  // Unset means the namespace's `default` ServiceAccount, which no component owns.
  const accounts = ['serviceAccountName', 'serviceAccount'].flatMap(field =>
    isSet(pod.spec[field]) && pod.spec[field] !== identity.serviceAccount
      ? [
          {
            path: fieldPath(pod.path, field),
            problem: `is ${shown(pod.spec[field])}, not ${
              identity.serviceAccount
            }`,
          },
        ]
      : [],
  );
  return [...labels, ...selector, ...accounts];
}

/**
 * Stagecraft's labels say which component an object or pod belongs to, and every isolation
 * rule keys on them: NetworkPolicies select pods by `stagecraft.dev/component`, Services and
 * controllers send traffic to and adopt pods by it, and the backend assigns objects to
 * deployments by it. So on every object, every pod template (and a CronJob's job template)
 * they are exactly the component's, and every pod selector selects the component's pods. A
 * type or trait may add labels of its own, never set, change or remove these. Likewise a pod
 * runs as the component's own ServiceAccount (whose cloud or RBAC bindings are its own).
 */
export const IDENTITY_RULE: ObjectRule = {
  risk: "a pod or object labelled as another component's, or running as its ServiceAccount, gets that component's network access, traffic, permissions and deployment, and one without the labels escapes its own",
  findings: (object, pods, identity) => [
    ...labelFindings(
      mapField(object, 'metadata').labels,
      'metadata.labels',
      identity,
      'identity',
    ),
    ...(isJsonMap(mapField(object, 'spec').jobTemplate)
      ? labelFindings(
          mapField(
            mapField(mapField(object, 'spec'), 'jobTemplate'),
            'metadata',
          ).labels,
          'spec.jobTemplate.metadata.labels',
          identity,
          'identity',
        )
      : []),
    ...pods.flatMap(pod => podTemplateFindings(pod, identity)),
    ...podSelectorFindings(object, identity),
  ],
};
