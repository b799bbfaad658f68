import { Manifest } from '../types';
import { check, scope } from './__fixtures__/check';
import {
  claim,
  hardenedPodSpec,
  IDENTITY,
  WORKLOADS,
} from './__fixtures__/workloads';
import { checkSecurity } from './checkSecurity';
import { JsonMap } from './podSpecs';

/** The component `api`'s Deployment, with `volumes` added to its pod. */
const deployment = (volumes: JsonMap[] = []) => {
  const pod = hardenedPodSpec();
  (pod.volumes as unknown[]).push(...volumes);
  return WORKLOADS[0].object(pod);
};

const hpa = (scaleTargetRef: JsonMap): JsonMap => ({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'api', namespace: 'shop-dev', labels: { ...IDENTITY } },
  spec: { scaleTargetRef, minReplicas: 1, maxReplicas: 3 },
});

const configMap = (name: string): Manifest => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'shop-dev', labels: { ...IDENTITY } },
  data: {},
});

const mountClaim = (claimName: string) => ({
  name: 'data',
  persistentVolumeClaim: { claimName },
});

const ephemeral = (spec: JsonMap) => ({
  name: 'scratch',
  ephemeral: {
    volumeClaimTemplate: {
      spec: {
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: '1Gi' } },
        ...spec,
      },
    },
  },
});

describe("a HorizontalPodAutoscaler scales only the component's own workloads", () => {
  const own = [deployment()];

  it('allows its own Deployment', () => {
    expect(
      check(
        hpa({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' }),
        scope(),
        own,
      ),
    ).toEqual([]);
  });

  it("refuses a sibling's Deployment, naming the object, the field and what it may scale", () => {
    const violations = check(
      hpa({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }),
      scope(),
      own,
    );
    expect(violations).toEqual([
      'trait "t" loosens security in HorizontalPodAutoscaler shop-dev/api: spec.scaleTargetRef names {"apiVersion":"apps/v1","kind":"Deployment","name":"web"}, not one of the component\'s own workloads (Deployment api); a HorizontalPodAutoscaler sets the replicas of the workload it names, so one aimed at another component\'s could scale it down or up to the quota. No exception allows it, not even on Environment "dev"',
    ]);
    // No exception waives it.
    expect(
      check(
        hpa({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }),
        scope({
          securityExceptions: [{ allow: ['nodeVolumes'], reason: 'r' }],
        }),
        own,
      ),
    ).toHaveLength(1);
  });

  it.each([
    ['another kind of the same name', { kind: 'StatefulSet', name: 'api' }],
    ['another API group', { kind: 'Deployment', name: 'api' }, 'x.io/v1'],
    [
      'no apiVersion (the core group)',
      { kind: 'Deployment', name: 'api' },
      null,
    ],
    ['an own object that is no workload', { kind: 'ConfigMap', name: 'cfg' }],
    ['nothing', {}],
  ])('refuses %s', (_, ref, apiVersion: string | null = 'apps/v1') => {
    const scaleTargetRef = apiVersion ? { apiVersion, ...ref } : ref;
    expect(
      check(hpa(scaleTargetRef), scope(), [...own, configMap('cfg')]),
    ).toEqual([expect.stringContaining(': spec.scaleTargetRef names ')]);
  });
});

describe("a claim is cloned only from the component's own claims and snapshots", () => {
  const own = [deployment(), claim('api-data')];

  it.each(['dataSource', 'dataSourceRef'])(
    "allows %s naming its own claim, and refuses a sibling's",
    field => {
      const from = (name: string) =>
        claim('api-copy', { [field]: { kind: 'PersistentVolumeClaim', name } });
      expect(check(from('api-data'), scope(), own)).toEqual([]);
      expect(check(from('web-data'), scope(), own)).toEqual([
        expect.stringContaining(
          `trait "t" loosens security in PersistentVolumeClaim shop-dev/api-copy: spec.${field} names {"kind":"PersistentVolumeClaim","name":"web-data"}, not one of the component's own PersistentVolumeClaims or VolumeSnapshots (PersistentVolumeClaim api-data, PersistentVolumeClaim api-copy); a new claim starts as a copy of its data source`,
        ),
      ]);
    },
  );

  it.each([
    [
      "a sibling's VolumeSnapshot",
      {
        apiGroup: 'snapshot.storage.k8s.io',
        kind: 'VolumeSnapshot',
        name: 'web-nightly',
      },
    ],
    [
      "its own claim's name in another namespace",
      {
        kind: 'PersistentVolumeClaim',
        name: 'api-data',
        namespace: 'bank-dev',
      },
    ],
    ['an own object that is no claim', { kind: 'ConfigMap', name: 'cfg' }],
    ['a data source that is not an object', 'web-data'],
  ])('refuses %s', (_, source) => {
    expect(
      check(claim('api-copy', { dataSourceRef: source }), scope(), [
        ...own,
        configMap('cfg'),
      ]),
    ).toEqual([expect.stringContaining(': spec.dataSourceRef names ')]);
  });

  describe.each(WORKLOADS.map(w => [w.kind, w]))('in a %s', (kind, w) => {
    it("refuses an ephemeral volume cloned from a sibling's claim, and allows one from its own", () => {
      const withScratch = (name: string) => {
        const pod = hardenedPodSpec();
        (pod.volumes as unknown[]).push(
          ephemeral({
            dataSource: { kind: 'PersistentVolumeClaim', name },
          }),
        );
        return w.object(pod);
      };
      expect(check(withScratch('api-data'), scope(), own)).toEqual([]);
      expect(check(withScratch('web-data'), scope(), own)).toEqual([
        expect.stringContaining(
          `trait "t" loosens security in ${kind} shop-dev/api: ${w.podPath}.volumes[1].ephemeral.volumeClaimTemplate.spec.dataSource names {"kind":"PersistentVolumeClaim","name":"web-data"}`,
        ),
      ]);
    });
  });
});

describe('a claim binds a named PersistentVolume only with the nodeVolumes exception', () => {
  const nodeVolumes = scope({
    securityExceptions: [
      {
        components: ['api'],
        allow: ['nodeVolumes'],
        reason: 'pre-provisioned disk',
      },
    ],
  });

  it('refuses spec.volumeName on a claim, naming the exception, and allows it where granted', () => {
    const bound = claim('api-data', { volumeName: 'pv-web' });
    expect(check(bound)).toEqual([
      expect.stringContaining(
        'trait "t" loosens security in PersistentVolumeClaim shop-dev/api-data: spec.volumeName binds the PersistentVolume pv-web; a claim that names its PersistentVolume binds a volume made beforehand',
      ),
    ]);
    expect(check(bound)[0]).toContain('allow: [nodeVolumes]');
    expect(check(bound, nodeVolumes)).toEqual([]);
    expect(check(claim('api-data', { volumeName: '' }))).toEqual([]);
  });

  it("refuses it on a pod's ephemeral volume", () => {
    expect(check(deployment([ephemeral({ volumeName: 'pv-web' })]))).toEqual([
      expect.stringContaining(
        'spec.template.spec.volumes[1].ephemeral.volumeClaimTemplate.spec.volumeName binds the PersistentVolume pv-web',
      ),
    ]);
  });
});

describe("a pod mounts only the component's own claims", () => {
  describe.each(WORKLOADS.map(w => [w.kind, w]))('in a %s', (kind, w) => {
    const mounting = (claimName: string) => {
      const pod = hardenedPodSpec();
      (pod.volumes as unknown[]).push(mountClaim(claimName));
      return w.object(pod);
    };

    it("allows its own claim and refuses a sibling's, naming the field", () => {
      const own = [claim('api-data')];
      expect(check(mounting('api-data'), scope(), own)).toEqual([]);
      expect(check(mounting('web-data'), scope(), own)).toEqual([
        expect.stringContaining(
          `trait "t" loosens security in ${kind} shop-dev/api: ${w.podPath}.volumes[1].persistentVolumeClaim.claimName is web-data, not one of the component's own PersistentVolumeClaims (PersistentVolumeClaim api-data); a pod reads and writes the claim it mounts`,
        ),
      ]);
    });
  });

  it('refuses a claim mounted while the component has none', () => {
    expect(check(deployment([mountClaim('web-data')]))).toEqual([
      expect.stringContaining(
        "claimName is web-data, not one of the component's own PersistentVolumeClaims (it has none)",
      ),
    ]);
  });

  it('refuses a rename that leaves an unchanged pod mounting what now holds the old name', () => {
    // A first trait created `web-data` and mounted it; a second renames the claim, so the
    // Deployment it did not touch now mounts the sibling `web`'s claim of that name.
    const pod = deployment([mountClaim('web-data')]);
    const created = claim('web-data');
    const renamed = claim('api-data');
    const violations = checkSecurity({
      before: [pod, created],
      after: [pod, renamed],
      replaced: [created],
      changed: [renamed],
      scope: scope(),
      producer: 'trait "rename"',
    });
    expect(violations).toEqual([
      expect.stringContaining(
        'trait "rename" loosens security in Deployment shop-dev/api: spec.template.spec.volumes[1].persistentVolumeClaim.claimName is web-data',
      ),
    ]);
  });
});
