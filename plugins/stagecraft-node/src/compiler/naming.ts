import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  joinDnsLabel,
  kubernetesNameProblem,
  toDnsLabel,
} from '@stagecraft/plugin-stagecraft-common';
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

/** One namespace per project × environment. */
export const namespaceName = (project: string, environment: string) =>
  joinDnsLabel([project, environment]);

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
