import { apiGroupOf } from '../../managedKinds';
import { excerpt } from '../../templates/excerpt';
import { Manifest } from '../types';
import {
  fieldPath,
  isJsonMap,
  JsonMap,
  mapField,
  podSpecsOf,
  PodSpecAt,
} from './podSpecs';
import type { Finding, ObjectRule } from './rules';
import { isOn, isSet, shown } from './securityContextChecks';
import { volumesOf } from './volumeRules';

/**
 * The objects of one component's compiled output, which its objects may refer to by name.
 * Every component of a project shares the project's namespace, so a name alone would reach a
 * sibling component's Deployment or claim just as well as the component's own.
 */
export interface OwnObjects {
  /** The component's object of this API group (`` for core), kind and name, if it has one. */
  find(group: string, kind: unknown, name: unknown): Manifest | undefined;
  /** Its objects of a kind (and group), as an error lists them: `PersistentVolumeClaim api-data`. */
  listed(accept: (m: Manifest) => boolean): string;
  /**
   * Whether every object of `earlier` is still here under its group, kind and name: then a
   * name that resolved to an own object there still does (a patch can rename an object).
   */
  keeps(earlier: OwnObjects): boolean;
  /** The group, kind and name of each object, as one key. */
  readonly keys: ReadonlySet<string>;
}

const keyOf = (group: string, kind: unknown, name: unknown) =>
  JSON.stringify([group, kind, name]);

export function ownObjects(manifests: Manifest[]): OwnObjects {
  const byKey = new Map(
    manifests.map(m => [
      keyOf(apiGroupOf(String(m.apiVersion)), m.kind, m.metadata?.name),
      m,
    ]),
  );
  return {
    keys: new Set(byKey.keys()),
    keeps: earlier => [...earlier.keys].every(key => byKey.has(key)),
    find: (group, kind, name) => byKey.get(keyOf(group, kind, name)),
    listed: accept => {
      const names = manifests
        .filter(accept)
        .map(m => `${m.kind} ${m.metadata?.name}`);
      return names.length > 0 ? excerpt(names.join(', ')) : 'it has none';
    },
  };
}

/** A workload: an object with a pod template, which a HorizontalPodAutoscaler can scale. */
const isWorkload = (m: Manifest | undefined): m is Manifest =>
  !!m && podSpecsOf(m).length > 0;

const CLAIM = 'PersistentVolumeClaim';
const isClaim = (m: Manifest) => m.kind === CLAIM && !apiGroupOf(m.apiVersion);

/** What a claim may be cloned from (`spec.dataSource`): a claim or a volume snapshot. */
const CLAIM_SOURCES = [
  { group: '', kind: CLAIM },
  { group: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot' },
];
const isClaimSource = (m: Manifest) =>
  CLAIM_SOURCES.some(
    s => s.kind === m.kind && s.group === apiGroupOf(m.apiVersion),
  );

/**
 * Every PersistentVolumeClaim spec in an object, found by where Kubernetes reads one: a
 * claim's own spec, a StatefulSet's `volumeClaimTemplates`, a pod's `ephemeral` volumes.
 */
function claimSpecsOf(
  object: JsonMap,
  pods: PodSpecAt[],
): { path: string; spec: JsonMap }[] {
  const spec = mapField(object, 'spec');
  const templates = Array.isArray(spec.volumeClaimTemplates)
    ? spec.volumeClaimTemplates
    : [];
  return [
    ...(object.kind === CLAIM ? [{ path: 'spec', spec }] : []),
    ...templates.map((template, i) => ({
      path: `spec.volumeClaimTemplates[${i}].spec`,
      spec: isJsonMap(template) ? mapField(template, 'spec') : {},
    })),
    ...pods.flatMap(pod =>
      volumesOf(pod).flatMap(({ volume, path }) =>
        isJsonMap(volume.ephemeral)
          ? [
              {
                path: `${path}.ephemeral.volumeClaimTemplate.spec`,
                spec: mapField(
                  mapField(volume.ephemeral, 'volumeClaimTemplate'),
                  'spec',
                ),
              },
            ]
          : [],
      ),
    ),
  ];
}

/** A claim's data source that is not the component's own claim or snapshot, as a finding. */
function foreignSource(
  value: unknown,
  path: string,
  object: JsonMap,
  own: OwnObjects,
): Finding | undefined {
  const ref = isJsonMap(value) ? value : {};
  const group = typeof ref.apiGroup === 'string' ? ref.apiGroup : '';
  const source = own.find(group, ref.kind, ref.name);
  // dataSourceRef.namespace (CrossNamespaceVolumeDataSource) names another namespace's object.
  const elsewhere =
    isSet(ref.namespace) &&
    ref.namespace !== mapField(object, 'metadata').namespace;
  if (source && isClaimSource(source) && !elsewhere) return undefined;
  return {
    path,
    problem: `names ${shown(
      value,
    )}, not one of the component's own PersistentVolumeClaims or VolumeSnapshots (${own.listed(
      isClaimSource,
    )})`,
  };
}

/**
 * A component's objects refer by name only to its own objects: what an autoscaler scales,
 * what a claim is cloned from, what a pod mounts. Own means in the component's compiled output
 * (the compiler's objects and those its type and traits created); a sibling component's
 * objects in the same namespace are out of reach. Nothing waives these, as no platform need
 * is served by one component scaling or reading another's. Binding a claim to a PersistentVolume
 * by name is storage the platform did not provision for the component, as a node volume is,
 * and needs the `nodeVolumes` exception.
 */
export const OWN_REFERENCE_RULES: ObjectRule[] = [
  {
    risk: "a HorizontalPodAutoscaler sets the replicas of the workload it names, so one aimed at another component's could scale it down or up to the quota",
    findings: (object, _pods, _identity, own) => {
      if (object.kind !== 'HorizontalPodAutoscaler') return [];
      const ref = mapField(mapField(object, 'spec'), 'scaleTargetRef');
      const group = apiGroupOf(String(ref.apiVersion ?? ''));
      return isWorkload(own.find(group, ref.kind, ref.name))
        ? []
        : [
            {
              path: 'spec.scaleTargetRef',
              problem: `names ${shown(
                mapField(mapField(object, 'spec'), 'scaleTargetRef'),
              )}, not one of the component's own workloads (${own.listed(
                isWorkload,
              )})`,
            },
          ];
    },
  },
  {
    risk: "a new claim starts as a copy of its data source, so one naming another component's claim or snapshot clones that component's data",
    findings: (object, pods, _identity, own) =>
      claimSpecsOf(object, pods).flatMap(({ path, spec }) =>
        ['dataSource', 'dataSourceRef'].flatMap(field => {
          if (!isSet(spec[field])) return [];
          const finding = foreignSource(
            spec[field],
            fieldPath(path, field),
            object,
            own,
          );
          return finding ? [finding] : [];
        }),
      ),
  },
  {
    risk: "a pod reads and writes the claim it mounts, so one naming another component's claim gets that component's data",
    findings: (_object, pods, _identity, own) =>
      pods.flatMap(pod =>
        volumesOf(pod).flatMap(({ volume, path }) => {
          if (!isSet(volume.persistentVolumeClaim)) return [];
          const claimName = mapField(volume, 'persistentVolumeClaim').claimName;
          const claim = own.find('', CLAIM, claimName);
          return claim
            ? []
            : [
                {
                  path: `${path}.persistentVolumeClaim.claimName`,
                  problem: `is ${shown(
                    claimName,
                  )}, not one of the component's own PersistentVolumeClaims (${own.listed(
                    isClaim,
                  )})`,
                },
              ];
        }),
      ),
  },
  {
    privilege: 'nodeVolumes',
    risk: "a claim that names its PersistentVolume binds a volume made beforehand (another component's released data, a disk of a node) instead of one the platform provisions for it",
    findings: (object, pods) =>
      claimSpecsOf(object, pods).flatMap(({ path, spec }) =>
        // An empty volumeName is the API server's unset.
        isOn(spec.volumeName) && spec.volumeName !== ''
          ? [
              {
                path: fieldPath(path, 'volumeName'),
                problem: `binds the PersistentVolume ${shown(spec.volumeName)}`,
              },
            ]
          : [],
      ),
  },
];
