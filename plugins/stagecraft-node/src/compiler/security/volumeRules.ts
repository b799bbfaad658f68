import { fieldPath, isJsonMap, JsonMap, mapField, PodSpecAt } from './podSpecs';
import type { Finding, SecurityRule } from './rules';
import { isOn, shown } from './securityContextChecks';

/**
 * The volume types of the Pod Security Standard "restricted": their data comes from the API
 * server (configMap, secret, projected, downwardAPI), the pod's own scratch space (emptyDir)
 * or storage the platform provisions through PersistentVolumes, claims and installed CSI
 * drivers (persistentVolumeClaim, ephemeral, csi). Every other type makes the node mount
 * something the pod spec names directly.
 */
export const RESTRICTED_VOLUME_TYPES: readonly string[] = [
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
];

/** hostPath has a privilege of its own; the rest of the node-mounted types share one. */
const HOST_PATH = 'hostPath';

/** Each volume of the pod, with its path. */
export const volumesOf = (pod: PodSpecAt) =>
  (Array.isArray(pod.spec.volumes) ? pod.spec.volumes : []).flatMap(
    (volume, i) =>
      isJsonMap(volume)
        ? [{ volume, path: `${fieldPath(pod.path, 'volumes')}[${i}]` }]
        : [],
  );

/** The source fields a volume sets, other than its name (the API server allows one). */
const sourcesOf = (volume: JsonMap) =>
  Object.keys(volume).filter(field => field !== 'name' && isOn(volume[field]));

export const VOLUME_RULES: SecurityRule[] = [
  {
    privilege: 'hostPath',
    risk: "a hostPath volume exposes the node's filesystem",
    findings: pod =>
      volumesOf(pod).flatMap(({ volume, path }) =>
        isOn(volume[HOST_PATH])
          ? [
              {
                path: `${path}.${HOST_PATH}`,
                problem: `mounts the node's ${shown(
                  mapField(volume, HOST_PATH).path,
                )}`,
              },
            ]
          : [],
      ),
  },
  {
    privilege: 'nodeVolumes',
    risk: `the node mounts what the pod spec names, outside the PersistentVolumes the platform provisions (a gitRepo volume runs git as root on the node, CVE-2024-10220); allowed without an exception are the Pod Security "restricted" types: ${RESTRICTED_VOLUME_TYPES.join(
      ', ',
    )}`,
    findings: pod =>
      volumesOf(pod).flatMap(({ volume, path }) =>
        sourcesOf(volume)
          .filter(
            type =>
              type !== HOST_PATH && !RESTRICTED_VOLUME_TYPES.includes(type),
          )
          .map(
            (type): Finding => ({
              path: `${path}.${shown(type)}`,
              problem: `is a volume of type ${shown(type)}`,
            }),
          ),
      ),
  },
];
