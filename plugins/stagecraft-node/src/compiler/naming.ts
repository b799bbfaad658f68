import { joinDnsLabel, toDnsLabel } from '@stagecraft/plugin-stagecraft-common';

/** Names of generated objects; one place, so every part of the compiler agrees. */

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
