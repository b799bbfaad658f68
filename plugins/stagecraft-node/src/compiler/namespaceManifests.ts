import { EnvironmentEntity } from '@stagecraft/plugin-stagecraft-common';
import { labelsFor } from './labels';
import { namespaceName } from './naming';
import { Manifest } from './types';

/** Name of the policy that denies all traffic in a project namespace except DNS. */
export const DEFAULT_DENY_POLICY = 'stagecraft-default-deny';

/**
 * A project's namespace in an environment, with Pod Security Admission labels from the
 * environment's policy, and its default-deny NetworkPolicy: no ingress, no egress but DNS.
 * Every permitted path is opened by a narrower policy of its own.
 */
export function namespaceManifests(
  project: string,
  environment: EnvironmentEntity,
): Manifest[] {
  const namespace = namespaceName(project, environment.metadata.name);
  const labels = labelsFor({ project, environment: environment.metadata.name });
  const level = environment.spec.policy.podSecurity;
  return [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: namespace,
        labels: {
          ...labels,
          'pod-security.kubernetes.io/enforce': level,
          'pod-security.kubernetes.io/enforce-version': 'latest',
          'pod-security.kubernetes.io/warn': level,
        },
      },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: DEFAULT_DENY_POLICY, namespace, labels },
      spec: {
        podSelector: {},
        policyTypes: ['Ingress', 'Egress'],
        ingress: [],
        egress: [
          {
            to: [
              {
                namespaceSelector: {
                  matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' },
                },
                podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
              },
            ],
            ports: [
              { protocol: 'UDP', port: 53 },
              { protocol: 'TCP', port: 53 },
            ],
          },
        ],
      },
    },
  ];
}
