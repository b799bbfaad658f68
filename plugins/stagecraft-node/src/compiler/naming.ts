import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  EnvironmentEntity,
  joinDnsLabel,
  kubernetesNameProblem,
  projectMembershipProblems,
  toDnsLabel,
} from '@stagecraft/plugin-stagecraft-common';
import type { CatalogIndex } from './CatalogIndex';
import { Diagnostic } from './types';

/**
 * Names of generated objects; one place, so every part of the compiler agrees. Entity names
 * go in verbatim: {@link unusableNames} refuses those that are not DNS-1123 labels, so the only
 * rewrite left is the documented one, a hash suffix on a *combined* name longer than 63
 * characters (`<project>-<environment>`).
 */

/**
 * Errors for the entities (an environment; a component and its endpoints) whose names cannot
 * name Kubernetes objects as they are; a component's `spec.system` (its project, reduced to
 * a name) is checked with it. Validation refuses such entities first; this keeps the compiler
 * from silently hashing a name that slipped past it.
 */
export function unusableNames(entities: Entity[]): Diagnostic[] {
  return entities.flatMap(entity => {
    const entityRef = stringifyEntityRef(entity);
    const project = (entity.spec as { system?: unknown } | undefined)?.system;
    const named: [string, string][] = [['metadata.name', entity.metadata.name]];
    if (entity.kind === 'Component' && typeof project === 'string')
      named.push(['spec.system', project]);
    return named.flatMap(([path, name]): Diagnostic[] => {
      const problem = kubernetesNameProblem(name);
      return problem
        ? [
            {
              severity: 'error',
              code: 'invalid-name',
              entityRef,
              path,
              message: `${entityRef}: ${problem}`,
            },
          ]
        : [];
    });
  });
}

/**
 * Errors for a component that may not join its project (`projectMembershipProblems`: the
 * default catalog namespace only, and an existing System). Names are why: a project namespace
 * and the labels carry the System's name alone, not its catalog namespace.
 */
export function membershipDiagnostics(
  component: Entity,
  index: CatalogIndex,
): Diagnostic[] {
  const entityRef = stringifyEntityRef(component);
  return projectMembershipProblems(component, index).map(problem => ({
    severity: 'error',
    entityRef,
    ...problem,
  }));
}

/** One namespace per project × environment. */
export const namespaceName = (project: string, environment: string) =>
  joinDnsLabel([project, environment]);

/**
 * Why `namespace` cannot be a project's namespace in `environment`, or undefined when it can.
 * The compiler owns a project namespace: it labels it, sets its Pod Security level and puts a
 * default-deny policy in it. Done to the namespace of the environment's gateways (their
 * proxies, or with Gateway API the Gateways themselves), that would cut the gateway off and put
 * the project's pods in the namespace gateway peers are selected from; done to Kubernetes' own
 * namespaces (`default`, and `kube-*`, a prefix Kubernetes reserves: kube-system, kube-public,
 * kube-node-lease), it would break the cluster.
 */
export function reservedNamespaceReason(
  namespace: string,
  environment: EnvironmentEntity,
): string | undefined {
  if (namespace === 'default' || namespace.startsWith('kube-'))
    return 'Kubernetes reserves default and every kube-* namespace (kube-system, kube-public, kube-node-lease); rename the System';
  const gateway = environment.spec.gateway;
  const gatewayNamespaces: [string, string | undefined][] = [
    ['spec.gateway.namespace', gateway.namespace],
    ['spec.gateway.internalPods.namespace', gateway.internalPods?.namespace],
    ['spec.gateway.publicPods.namespace', gateway.publicPods?.namespace],
  ];
  if (gateway.exposure === 'gateway-api') {
    gatewayNamespaces.push(
      ['spec.gateway.internalGateway', gateway.internalGateway?.split('/')[0]],
      ['spec.gateway.publicGateway', gateway.publicGateway?.split('/')[0]],
    );
  }
  const clash = gatewayNamespaces.find(([, name]) => name === namespace);
  return clash
    ? `it is a namespace of the environment's gateways (${clash[0]}); rename the System or move the gateway`
    : undefined;
}

/**
 * An error for a component whose project namespace in `environment` the compiler must not
 * own ({@link reservedNamespaceReason}); the component is then left out, like one with an
 * unusable name.
 */
export function reservedNamespaceProblems(
  component: Entity,
  environment: EnvironmentEntity,
): Diagnostic[] {
  const project = (component.spec as { system?: unknown } | undefined)?.system;
  if (typeof project !== 'string') return [];
  const namespace = namespaceName(project, environment.metadata.name);
  const reason = reservedNamespaceReason(namespace, environment);
  if (!reason) return [];
  const entityRef = stringifyEntityRef(component);
  return [
    {
      severity: 'error',
      code: 'reserved-namespace',
      entityRef,
      path: 'spec.system',
      message: `${entityRef}: System "${project}" would run in namespace "${namespace}" in environment ${environment.metadata.name}, but ${reason}`,
    },
  ];
}

/** Workload, Service, ServiceAccount: the component's name. */
export const workloadName = (component: string) => toDnsLabel(component);

/**
 * Service and container port names are IANA service names (at most 15 characters), unique
 * per Service like the ports themselves: `<protocol>-<port>`, e.g. `http-8080`.
 */
export const portName = (protocol: string, port: number) =>
  `${protocol}-${port}`;

/** Cluster-internal DNS name of a component's Service. */
export const serviceHost = (component: string, namespace: string) =>
  `${workloadName(component)}.${namespace}.svc.cluster.local`;

/** Default env var prefix of a dependency: the endpoint name in upper snake case. */
export const envPrefix = (endpoint: string) =>
  endpoint
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
