import { SecurityPrivilege } from '@stagecraft/plugin-stagecraft-common';
import { checkSecurity } from './checkSecurity';
import { JsonMap } from './podSpecs';
import { check, scope } from './__fixtures__/check';
import { hardenedPodSpec, WORKLOADS } from './__fixtures__/workloads';

type Pod = any;
const main = (pod: Pod) => pod.containers[0].securityContext;

/**
 * One loosening per case: what it does to a hardened pod spec, the field (from the pod spec)
 * the error must name, and the privilege an Environment exception needs to allow it — or the
 * policy switch that turns the guardrail off for the whole environment.
 */
const CASES: {
  name: string;
  loosen: (pod: Pod) => void;
  field: string;
  privilege?: SecurityPrivilege;
  policy?: 'runAsNonRoot' | 'readOnlyRootFilesystem';
}[] = [
  {
    name: 'a privileged container',
    loosen: pod => (main(pod).privileged = true),
    field: 'containers[0].securityContext.privileged',
    privilege: 'privileged',
  },
  {
    name: 'a privileged ephemeral container',
    loosen: pod =>
      (pod.ephemeralContainers = [
        {
          name: 'debug',
          securityContext: { ...main(pod), privileged: true },
        },
      ]),
    field: 'ephemeralContainers[0].securityContext.privileged',
    privilege: 'privileged',
  },
  {
    name: 'a Windows host-process pod',
    loosen: pod => (pod.securityContext.windowsOptions = { hostProcess: true }),
    field: 'securityContext.windowsOptions.hostProcess',
    privilege: 'privileged',
  },
  {
    name: 'an unconfined seccomp profile on the pod',
    loosen: pod => (pod.securityContext.seccompProfile.type = 'Unconfined'),
    field: 'securityContext.seccompProfile.type',
    privilege: 'privileged',
  },
  {
    name: 'no seccomp profile at all',
    loosen: pod => delete pod.securityContext.seccompProfile,
    field: 'securityContext.seccompProfile.type',
    privilege: 'privileged',
  },
  {
    name: 'an unconfined AppArmor profile',
    loosen: pod => (main(pod).appArmorProfile = { type: 'Unconfined' }),
    field: 'containers[0].securityContext.appArmorProfile.type',
    privilege: 'privileged',
  },
  {
    name: 'the super-privileged SELinux type',
    loosen: pod => (main(pod).seLinuxOptions = { type: 'spc_t' }),
    field: 'containers[0].securityContext.seLinuxOptions',
    privilege: 'privileged',
  },
  {
    name: 'an unmasked /proc',
    loosen: pod => (main(pod).procMount = 'Unmasked'),
    field: 'containers[0].securityContext.procMount',
    privilege: 'privileged',
  },
  {
    name: 'allowPrivilegeEscalation: true',
    loosen: pod => (main(pod).allowPrivilegeEscalation = true),
    field: 'containers[0].securityContext.allowPrivilegeEscalation',
    privilege: 'allowPrivilegeEscalation',
  },
  {
    name: 'allowPrivilegeEscalation removed (Kubernetes defaults it to true)',
    loosen: pod => (main(pod).allowPrivilegeEscalation = null),
    field: 'containers[0].securityContext.allowPrivilegeEscalation',
    privilege: 'allowPrivilegeEscalation',
  },
  {
    name: 'an added NET_ADMIN capability',
    loosen: pod => (main(pod).capabilities.add = ['NET_ADMIN']),
    field: 'containers[0].securityContext.capabilities.add',
    privilege: 'addedCapabilities',
  },
  {
    name: 'capabilities no longer dropped',
    loosen: pod => (main(pod).capabilities.drop = ['NET_RAW']),
    field: 'containers[0].securityContext.capabilities.drop',
    privilege: 'addedCapabilities',
  },
  {
    name: 'an init container running as user 0',
    loosen: pod => (pod.initContainers[0].securityContext.runAsUser = 0),
    field: 'initContainers[0].securityContext.runAsUser',
    privilege: 'runAsRoot',
    policy: 'runAsNonRoot',
  },
  {
    name: 'runAsUser 0 on the pod, inherited by every container',
    loosen: pod => (pod.securityContext.runAsUser = 0),
    field: 'securityContext.runAsUser',
    privilege: 'runAsRoot',
    policy: 'runAsNonRoot',
  },
  {
    name: 'runAsNonRoot flipped to false',
    loosen: pod => (main(pod).runAsNonRoot = false),
    field: 'containers[0].securityContext.runAsNonRoot',
    privilege: 'runAsRoot',
    policy: 'runAsNonRoot',
  },
  {
    name: 'a writable root filesystem',
    loosen: pod => (main(pod).readOnlyRootFilesystem = false),
    field: 'containers[0].securityContext.readOnlyRootFilesystem',
    policy: 'readOnlyRootFilesystem',
  },
  ...(['hostNetwork', 'hostPID', 'hostIPC'] as const).map(field => ({
    name: field,
    loosen: (pod: Pod) => (pod[field] = true),
    field,
    privilege: field,
  })),
  {
    name: 'a hostPath volume',
    loosen: pod => pod.volumes.push({ name: 'root', hostPath: { path: '/' } }),
    field: 'volumes[1].hostPath',
    privilege: 'hostPath',
  },
  {
    name: 'a host port',
    loosen: pod => (pod.containers[0].ports[0].hostPort = 80),
    field: 'containers[0].ports[0].hostPort',
    privilege: 'hostPort',
  },
];

describe('checkSecurity', () => {
  it.each(WORKLOADS.map(w => [w.kind, w]))(
    'finds nothing wrong in a hardened %s',
    (_, workload) => {
      expect(check(workload.object(hardenedPodSpec()))).toEqual([]);
    },
  );

  describe.each(WORKLOADS.map(w => [w.kind, w]))('in a %s', (kind, w) => {
    it.each(CASES.map(c => [c.name, c]))(
      'refuses %s, naming the producer, the object, the field and the remedy',
      (_, c) => {
        const pod = hardenedPodSpec();
        c.loosen(pod);
        const violations = check(w.object(pod));
        expect(violations).toHaveLength(1);
        expect(violations[0]).toContain(
          `trait "t" loosens security in ${kind} shop-dev/api: ${w.podPath}.${c.field} `,
        );
        expect(violations[0]).toContain(
          c.privilege
            ? `allow: [${c.privilege}]`
            : `spec.policy.${c.policy}: false`,
        );
      },
    );

    it.each(CASES.map(c => [c.name, c]))(
      'allows %s where the Environment grants it to this component',
      (_, c) => {
        const pod = hardenedPodSpec();
        c.loosen(pod);
        const granted = c.privilege
          ? scope({
              securityExceptions: [
                {
                  components: ['api'],
                  allow: [c.privilege],
                  reason: 'test',
                },
              ],
            })
          : scope({ [c.policy!]: false });
        expect(check(w.object(pod), granted)).toEqual([]);
      },
    );
  });

  describe.each(WORKLOADS.map(w => [w.kind, w]))(
    'in a %s, beside the pod spec',
    (_, w) => {
      it.each([
        'container.apparmor.security.beta.kubernetes.io/main',
        'seccomp.security.alpha.kubernetes.io/pod',
        'container.seccomp.security.alpha.kubernetes.io/main',
      ])('refuses the annotation %s: unconfined', key => {
        const object = w.object(hardenedPodSpec()) as JsonMap;
        // The pod's metadata sits beside its spec: spec.template.metadata, or a Pod's own.
        const metadataPath = w.podPath.replace(/\.?spec$/, '');
        const parent: any = metadataPath
          .split('.')
          .reduce((at: any, field) => (field ? at[field] : at), object);
        parent.metadata = {
          ...parent.metadata,
          annotations: { [key]: 'unconfined' },
        };
        expect(check(object)).toEqual([
          expect.stringContaining(
            `${
              metadataPath ? `${metadataPath}.` : ''
            }metadata.annotations["${key}"] is unconfined`,
          ),
        ]);
      });
    },
  );

  it('does not let an exception for one component or one privilege cover another, and says which exception is needed', () => {
    const pod = hardenedPodSpec();
    pod.hostNetwork = true;
    (pod.containers as any)[0].securityContext.privileged = true;
    const violations = check(
      WORKLOADS[0].object(pod),
      scope({
        securityExceptions: [
          {
            components: ['component:default/other'],
            allow: ['privileged'],
            reason: 'r',
          },
          { components: ['api'], allow: ['hostNetwork'], reason: 'r' },
        ],
      }),
    );
    expect(violations).toEqual([
      expect.stringContaining(
        'spec.template.spec.containers[0].securityContext.privileged is true; a privileged or host-process container controls the node. Only Environment "dev" can allow it, with spec.policy.securityExceptions: [{ components: [component:default/api], allow: [privileged], reason: … }] (its exception for privileged covers component:default/other only)',
      ),
    ]);
  });

  it('applies an exception without components to every component', () => {
    const pod = hardenedPodSpec();
    pod.hostPID = true;
    expect(
      check(
        WORKLOADS[0].object(pod),
        scope({ securityExceptions: [{ allow: ['hostPID'], reason: 'r' }] }),
      ),
    ).toEqual([]);
  });

  it('reports only what the producer introduced, not what was in its input', () => {
    const loose = hardenedPodSpec();
    loose.hostIPC = true;
    const before = [WORKLOADS[0].object(loose)];
    const worse = hardenedPodSpec();
    worse.hostIPC = true;
    worse.hostPID = true;
    const after = [WORKLOADS[0].object(worse)];
    const violations = checkSecurity({
      before,
      after,
      replaced: before,
      changed: after,
      scope: scope(),
      producer: 'trait "t"',
    });
    expect(violations).toEqual([
      expect.stringContaining('spec.template.spec.hostPID is true'),
    ]);
  });
});
