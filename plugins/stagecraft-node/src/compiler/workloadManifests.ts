import { createHash } from 'node:crypto';
import {
  EndpointEntity,
  EnvironmentEntity,
} from '@stagecraft/plugin-stagecraft-common';
import { EffectiveIntent } from './effectiveIntent';
import { componentSelector, labelsFor, ObjectIdentity } from './labels';
import { portName, workloadName } from './naming';
import { Manifest } from './types';

/** One endpoint's port as the compiler's Service carries it, to the same container port. */
export interface ServicePort {
  /** Also the container port's name. */
  name: string;
  port: number;
  protocol: 'TCP' | 'UDP';
}

export const servicePortOf = ({
  spec,
}: Pick<EndpointEntity, 'spec'>): ServicePort => ({
  name: portName(spec.protocol, spec.port),
  port: spec.port,
  protocol: spec.protocol === 'udp' ? 'UDP' : 'TCP',
});

const sortedRecord = (record: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(record).sort(([a], [b]) => a.localeCompare(b)),
  );

/**
 * ServiceAccount, ConfigMap (plain env values and connection settings), the workload
 * (Deployment or CronJob) and, when it serves endpoints, its Service. Secrets are referenced
 * with `secretKeyRef` only; their values never pass through Stagecraft.
 */
export function workloadManifests(o: {
  id: Required<Pick<ObjectIdentity, 'project' | 'environment' | 'component'>>;
  namespace: string;
  environment: EnvironmentEntity;
  intent: EffectiveIntent;
  workload: 'deployment' | 'cronjob';
  endpoints: EndpointEntity[];
  connectionEnv: Record<string, string>;
}): Manifest[] {
  const name = workloadName(o.id.component);
  const labels = labelsFor(o.id);
  const metadata = { name, namespace: o.namespace, labels };
  const configData = sortedRecord({ ...o.connectionEnv, ...o.intent.env });
  const configHash = createHash('sha256')
    .update(JSON.stringify(configData))
    .digest('hex')
    .slice(0, 16);

  const pod = {
    metadata: {
      labels,
      annotations: { 'stagecraft.dev/config-hash': configHash },
    },
    spec: podSpec(o, name),
  };
  const manifests: Manifest[] = [
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata,
      automountServiceAccountToken: false,
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { ...metadata, name: workloadName(`${o.id.component}-env`) },
      data: configData,
    },
  ];
  if (o.workload === 'cronjob') {
    manifests.push({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata,
      spec: {
        schedule: o.intent.schedule,
        jobTemplate: {
          metadata: { labels },
          spec: {
            template: {
              ...pod,
              spec: { ...pod.spec, restartPolicy: 'OnFailure' },
            },
          },
        },
      },
    });
  } else {
    manifests.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata,
      spec: {
        replicas: o.intent.replicas,
        selector: { matchLabels: componentSelector(o.id.component) },
        template: pod,
      },
    });
  }
  if (o.endpoints.length > 0) {
    manifests.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata,
      spec: {
        type: 'ClusterIP',
        selector: componentSelector(o.id.component),
        ports: o.endpoints.map(servicePortOf).map(p => ({
          name: p.name,
          port: p.port,
          targetPort: p.port,
          protocol: p.protocol,
        })),
      },
    });
  }
  return manifests;
}

function podSpec(o: Parameters<typeof workloadManifests>[0], name: string) {
  const policy = o.environment.spec.policy;
  const secretEnv = Object.entries(o.intent.secretEnv)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([envName, ref]) => ({
      name: envName,
      valueFrom: { secretKeyRef: { name: ref.secret, key: ref.key } },
    }));
  const container = {
    name: 'main',
    image: o.intent.image,
    ...(o.intent.command ? { command: o.intent.command } : {}),
    ...(o.intent.args ? { args: o.intent.args } : {}),
    ports: o.endpoints.map(servicePortOf).map(p => ({
      name: p.name,
      containerPort: p.port,
      protocol: p.protocol,
    })),
    envFrom: [
      { configMapRef: { name: workloadName(`${o.id.component}-env`) } },
    ],
    ...(secretEnv.length > 0 ? { env: secretEnv } : {}),
    resources: o.intent.resources,
    securityContext: {
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      readOnlyRootFilesystem: policy.readOnlyRootFilesystem,
      runAsNonRoot: policy.runAsNonRoot,
    },
  };
  return {
    serviceAccountName: name,
    automountServiceAccountToken: false,
    securityContext: {
      runAsNonRoot: policy.runAsNonRoot,
      seccompProfile: { type: 'RuntimeDefault' },
    },
    containers: [container],
  };
}
