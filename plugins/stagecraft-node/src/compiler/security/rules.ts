import { SecurityPrivilege } from '@stagecraft/plugin-stagecraft-common';
import { excerpt } from '../../templates/excerpt';
import { fieldPath, isJsonMap, JsonMap, mapField, PodSpecAt } from './podSpecs';
import {
  eachContainer,
  effective,
  Finding,
  isFinding,
  isOn,
  isSet,
  mustBe,
  mustBeOff,
  own,
  podLevel,
  shown,
  unless,
  within,
} from './securityContextChecks';

import type { ComponentIdentity } from './identityLabels';
import type { OwnObjects } from './ownReferences';
import type { ComponentRouting } from './routeRules';
import { VOLUME_RULES } from './volumeRules';

export type { Finding } from './securityContextChecks';

/** A user or group id as the API server takes it: an int32 that is not negative. */
const isUnixId = (value: unknown) =>
  Number.isInteger(value) &&
  (value as number) >= 0 &&
  (value as number) <= 2147483647;

/** What an invariant forbids is waived by, and why it exists. */
export interface RuleBase {
  /** The privilege an Environment exception grants (`spec.policy.securityExceptions`). */
  privilege?: SecurityPrivilege;
  /**
   * The Environment policy switch that enforces the rule. When the Environment sets it to
   * false, the rule is off for every component there; rules without a privilege can only be
   * switched off this way, never for one component. A rule with neither holds everywhere.
   */
  policySwitch?: 'runAsNonRoot' | 'readOnlyRootFilesystem';
  /** Why the rule exists, quoted in the error. */
  risk: string;
}

/** One security invariant of rendered pods, as data: what it checks and why. */
export interface SecurityRule extends RuleBase {
  findings(pod: PodSpecAt): Finding[];
}

/** An invariant of a rendered object as a whole: its labels, selectors, Service fields. */
export interface ObjectRule extends RuleBase {
  findings(
    object: JsonMap,
    pods: PodSpecAt[],
    identity: ComponentIdentity,
    /** The component's objects, which its objects may refer to by name. */
    own: OwnObjects,
    /** Where its routes may attach and what each gateway may reach. */
    routing: ComponentRouting,
  ): Finding[];
}

const hostNamespace = (
  field: 'hostNetwork' | 'hostPID' | 'hostIPC',
  risk: string,
): SecurityRule => ({
  privilege: field,
  risk,
  findings: pod =>
    [
      mustBeOff({ value: pod.spec[field], path: fieldPath(pod.path, field) }),
    ].filter(isFinding),
});

/** SELinux types a container may run with (Pod Security "baseline"). */
const CONFINED_SELINUX_TYPES = [
  'container_t',
  'container_init_t',
  'container_kvm_t',
  'container_engine_t',
];
/** Pod annotations older clusters still read to set AppArmor and seccomp, with the values that keep the defaults. */
const CONFINEMENT_ANNOTATIONS = [
  {
    prefix: 'container.apparmor.security.beta.kubernetes.io/',
    allowed: ['runtime/default'],
  },
  {
    prefix: 'seccomp.security.alpha.kubernetes.io/pod',
    allowed: ['runtime/default', 'docker/default'],
  },
  {
    prefix: 'container.seccomp.security.alpha.kubernetes.io/',
    allowed: ['runtime/default', 'docker/default'],
  },
];

/** The invariants, checked on every pod of every rendered object. */
export const SECURITY_RULES: SecurityRule[] = [
  {
    privilege: 'privileged',
    risk: 'a privileged or host-process container controls the node',
    findings: pod => [
      ...eachContainer((_, c) => [
        mustBeOff(own(c, 'privileged')),
        mustBeOff(within(own(c, 'windowsOptions'), 'hostProcess')),
      ])(pod),
      ...[
        mustBeOff(within(podLevel(pod, 'windowsOptions'), 'hostProcess')),
      ].filter(isFinding),
    ],
  },
  {
    privilege: 'privileged',
    risk: "a container stays confined by the runtime's defaults (RuntimeDefault seccomp and AppArmor, SELinux container types, masked /proc); without them it reaches the kernel as a privileged one does",
    findings: pod => [
      ...eachContainer((_, c) => {
        const seLinux = effective(pod, c, 'seLinuxOptions');
        const { type, user, role } = isJsonMap(seLinux.value)
          ? seLinux.value
          : ({} as JsonMap);
        const appArmor = within(effective(pod, c, 'appArmorProfile'), 'type');
        const procMount = own(c, 'procMount');
        return [
          mustBe(
            within(effective(pod, c, 'seccompProfile'), 'type'),
            'RuntimeDefault',
          ),
          isOn(appArmor.value) && mustBe(appArmor, 'RuntimeDefault'),
          unless(
            (isOn(type) && !CONFINED_SELINUX_TYPES.includes(String(type))) ||
              isOn(user) ||
              isOn(role),
            seLinux.path,
            () =>
              `is ${shown(seLinux.value)}, outside the container SELinux types`,
          ),
          isOn(procMount.value) && mustBe(procMount, 'Default'),
        ];
      })(pod),
      ...Object.entries(mapField(pod.metadata, 'annotations')).flatMap(
        ([key, value]) => {
          const annotation = CONFINEMENT_ANNOTATIONS.find(a =>
            key.startsWith(a.prefix),
          );
          if (!annotation || annotation.allowed.includes(value as string))
            return [];
          return [
            {
              path: `${pod.metadataPath}.annotations["${shown(key)}"]`,
              problem: `is ${shown(value)}, not ${annotation.allowed[0]}`,
            },
          ];
        },
      ),
    ],
  },
  {
    privilege: 'allowPrivilegeEscalation',
    risk: 'a process could gain more privileges than its parent (setuid binaries, file capabilities)',
    findings: eachContainer((_, c) => [
      mustBe(
        own(c, 'allowPrivilegeEscalation'),
        false,
        ' (Kubernetes then allows escalation)',
      ),
    ]),
  },
  {
    privilege: 'addedCapabilities',
    risk: 'Linux capabilities (NET_ADMIN, SYS_ADMIN…) give a container parts of root over the kernel',
    findings: eachContainer((_, c) => {
      const capabilities = mapField(
        mapField(c.container, 'securityContext'),
        'capabilities',
      );
      const path = `${c.path}.securityContext.capabilities`;
      const added = capabilities.add;
      const dropped = capabilities.drop;
      return [
        unless(
          Array.isArray(added) ? added.length > 0 : isOn(added),
          `${path}.add`,
          () => `adds ${shown(added)}`,
        ),
        unless(
          !Array.isArray(dropped) || !dropped.includes('ALL'),
          `${path}.drop`,
          () =>
            `is ${shown(
              dropped,
            )}: without ALL the runtime's default capabilities stay`,
        ),
      ];
    }),
  },
  {
    privilege: 'runAsRoot',
    policySwitch: 'runAsNonRoot',
    risk: 'a container running as root is one escape away from root on the node',
    findings: eachContainer((pod, c) => {
      const user = effective(pod, c, 'runAsUser');
      return [
        unless(user.value === 0, user.path, () => 'is 0 (root)'),
        mustBe(effective(pod, c, 'runAsNonRoot'), true),
      ];
    }),
  },
  {
    risk: 'the API server refuses a user or group id that is not an integer from 0 to 2147483647, so the compiler does too (a "0" would otherwise pass as not root)',
    findings: eachContainer((pod, c) =>
      ['runAsUser', 'runAsGroup'].flatMap(field =>
        [own(c, field), podLevel(pod, field)].map(
          id =>
            isSet(id.value) &&
            !isUnixId(id.value) && {
              path: id.path,
              problem: `is ${excerpt(
                JSON.stringify(id.value),
              )}, not an integer id`,
            },
        ),
      ),
    ),
  },
  {
    policySwitch: 'readOnlyRootFilesystem',
    risk: 'the Environment requires read-only root filesystems',
    findings: eachContainer((_, c) => [
      mustBe(own(c, 'readOnlyRootFilesystem'), true),
    ]),
  },
  hostNamespace(
    'hostNetwork',
    "the pod shares the node's network: it bypasses NetworkPolicies and sees the node's traffic",
  ),
  hostNamespace(
    'hostPID',
    'the pod sees, and can signal, every process on the node',
  ),
  hostNamespace(
    'hostIPC',
    "the pod shares the node's IPC namespace and other processes' shared memory",
  ),
  {
    privilege: 'hostPort',
    risk: "a host port listens on the node's own address, outside the NetworkPolicies",
    findings: eachContainer((_, c) =>
      (Array.isArray(c.container.ports) ? c.container.ports : []).map(
        (port, i) =>
          isJsonMap(port) &&
          port.hostPort !== 0 &&
          mustBeOff({
            value: port.hostPort,
            path: `${c.path}.ports[${i}].hostPort`,
          }),
      ),
    ),
  },
  ...VOLUME_RULES,
];
