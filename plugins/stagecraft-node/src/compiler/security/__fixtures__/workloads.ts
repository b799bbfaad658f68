import { Manifest } from '../../types';
import { JsonMap } from '../podSpecs';

const hardenedContainer = () => ({
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
});

/** The identity labels of the component `api` (labels.ts `labelsFor`). */
export const IDENTITY: Record<string, string> = {
  'app.kubernetes.io/managed-by': 'stagecraft',
  'stagecraft.dev/project': 'shop',
  'stagecraft.dev/environment': 'dev',
  'stagecraft.dev/component': 'api',
  'backstage.io/kubernetes-id': 'api',
};
const selector = () => ({
  matchLabels: { 'stagecraft.dev/component': 'api' },
});
const podTemplate = (pod: JsonMap) => ({
  metadata: { labels: { ...IDENTITY } },
  spec: pod,
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
  /** Where the controller's pod selector is, when it has one. */
  selectorPath?: string;
  object: (pod: JsonMap) => Manifest;
}[] = [
  ...['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'].map(kind => ({
    kind,
    podPath: 'spec.template.spec',
    selectorPath: 'spec.selector',
    object: (pod: JsonMap) =>
      workload(kind, 'apps/v1', {
        selector: selector(),
        template: podTemplate(pod),
      }),
  })),
  {
    kind: 'Job',
    podPath: 'spec.template.spec',
    object: pod => workload('Job', 'batch/v1', { template: podTemplate(pod) }),
  },
  {
    kind: 'CronJob',
    podPath: 'spec.jobTemplate.spec.template.spec',
    object: pod =>
      workload('CronJob', 'batch/v1', {
        schedule: '0 * * * *',
        jobTemplate: {
          metadata: { labels: { ...IDENTITY } },
          spec: { template: podTemplate(pod) },
        },
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
    metadata: { name: 'api', namespace: 'shop-dev', labels: { ...IDENTITY } },
    spec,
  };
}

/** A PersistentVolumeClaim of the component `api`, as the persistent-volume trait creates it. */
export const claim = (name: string, spec: JsonMap = {}): Manifest => ({
  ...workload('PersistentVolumeClaim', 'v1', {
    accessModes: ['ReadWriteOnce'],
    resources: { requests: { storage: '1Gi' } },
    ...spec,
  }),
  metadata: { name, namespace: 'shop-dev', labels: { ...IDENTITY } },
});
