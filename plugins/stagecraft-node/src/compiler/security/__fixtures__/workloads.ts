import { Manifest } from '../../types';
import { JsonMap } from '../podSpecs';

const hardenedContainer = () => ({
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
});

/** A pod spec as the compiler renders it: every invariant holds. */
export const hardenedPodSpec = (): JsonMap => ({
  securityContext: {
    runAsNonRoot: true,
    seccompProfile: { type: 'RuntimeDefault' },
  },
  initContainers: [
    { name: 'init', image: 'r/init:1', securityContext: hardenedContainer() },
  ],
  containers: [
    {
      name: 'main',
      image: 'r/api:1',
      ports: [{ containerPort: 8080 }],
      securityContext: hardenedContainer(),
    },
  ],
  volumes: [{ name: 'data', emptyDir: {} }],
});

/**
 * One object of every workload kind that carries a pod template, with the path to its pod
 * spec. Only Deployment and CronJob pass the allowed-kinds check today; the others prove the
 * checks hold for any kind allowed later.
 */
export const WORKLOADS: {
  kind: string;
  podPath: string;
  object: (pod: JsonMap) => Manifest;
}[] = [
  ...['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'].map(kind => ({
    kind,
    podPath: 'spec.template.spec',
    object: (pod: JsonMap) =>
      workload(kind, 'apps/v1', { template: { metadata: {}, spec: pod } }),
  })),
  {
    kind: 'Job',
    podPath: 'spec.template.spec',
    object: pod =>
      workload('Job', 'batch/v1', { template: { metadata: {}, spec: pod } }),
  },
  {
    kind: 'CronJob',
    podPath: 'spec.jobTemplate.spec.template.spec',
    object: pod =>
      workload('CronJob', 'batch/v1', {
        schedule: '0 * * * *',
        jobTemplate: { spec: { template: { metadata: {}, spec: pod } } },
      }),
  },
  {
    kind: 'Pod',
    podPath: 'spec',
    object: pod => ({ ...workload('Pod', 'v1', {}), spec: pod }),
  },
];

function workload(kind: string, apiVersion: string, spec: JsonMap): Manifest {
  return {
    apiVersion,
    kind,
    metadata: { name: 'api', namespace: 'shop-dev' },
    spec,
  };
}
