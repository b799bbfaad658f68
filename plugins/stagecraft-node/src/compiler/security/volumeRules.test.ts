import { check, scope } from './__fixtures__/check';
import { claim, hardenedPodSpec, WORKLOADS } from './__fixtures__/workloads';
import { RESTRICTED_VOLUME_TYPES } from './volumeRules';

/** Volume sources outside the Pod Security "restricted" set, as a hostile trait writes them. */
const NODE_VOLUMES: [string, Record<string, unknown>][] = [
  ['nfs', { server: '10.0.0.1', path: '/' }],
  ['gitRepo', { repository: 'https://example.invalid/x.git' }],
  ['flexVolume', { driver: 'example/driver' }],
  ['iscsi', { targetPortal: '10.0.0.2:3260', iqn: 'iqn.x', lun: 0 }],
  ['cephfs', { monitors: ['10.0.0.3:6789'] }],
  ['rbd', { monitors: ['10.0.0.3:6789'], image: 'x' }],
  ['fc', { wwids: ['x'] }],
  ['someFutureType', {}],
];

const withVolume = (volume: Record<string, unknown>) => {
  const pod = hardenedPodSpec();
  (pod.volumes as unknown[]).push({ name: 'extra', ...volume });
  return pod;
};

describe('volume types', () => {
  describe.each(WORKLOADS.map(w => [w.kind, w]))('in a %s', (kind, w) => {
    it.each(NODE_VOLUMES)(
      'refuses a %s volume, naming the field and the nodeVolumes exception',
      (type, source) => {
        const violations = check(w.object(withVolume({ [type]: source })));
        expect(violations).toEqual([
          expect.stringContaining(
            `trait "t" loosens security in ${kind} shop-dev/api: ${w.podPath}.volumes[1].${type} is a volume of type ${type}; `,
          ),
        ]);
        expect(violations[0]).toContain('allow: [nodeVolumes]');
      },
    );
  });

  it('allows each Pod Security "restricted" type', () => {
    const pod = hardenedPodSpec();
    pod.volumes = RESTRICTED_VOLUME_TYPES.map((type, i) => ({
      name: `v${i}`,
      // A claim must be the component's own (ownReferences.ts).
      [type]:
        type === 'persistentVolumeClaim'
          ? { claimName: 'api-data' }
          : { some: 'source' },
    }));
    expect(
      check(WORKLOADS[0].object(pod), scope(), [claim('api-data')]),
    ).toEqual([]);
    expect(RESTRICTED_VOLUME_TYPES).toEqual([
      'configMap',
      'csi',
      'downwardAPI',
      'emptyDir',
      'ephemeral',
      'persistentVolumeClaim',
      'projected',
      'secret',
    ]);
  });

  it('allows a node volume where the Environment grants nodeVolumes to the component, and no more', () => {
    const granted = scope({
      securityExceptions: [
        { components: ['api'], allow: ['nodeVolumes'], reason: 'legacy NFS' },
      ],
    });
    const nfs = withVolume({ nfs: { server: '10.0.0.1', path: '/export' } });
    expect(check(WORKLOADS[0].object(nfs), granted)).toEqual([]);
    const hostPath = withVolume({ hostPath: { path: '/' } });
    expect(check(WORKLOADS[0].object(hostPath), granted)).toEqual([
      expect.stringContaining('volumes[1].hostPath'),
    ]);
  });

  it('does not count a hostPath volume twice, nor an unset source', () => {
    const violations = check(
      WORKLOADS[0].object(
        withVolume({ hostPath: { path: '/' }, emptyDir: null, nfs: null }),
      ),
    );
    expect(violations).toEqual([
      expect.stringContaining(
        "spec.template.spec.volumes[1].hostPath mounts the node's /;",
      ),
    ]);
  });
});
