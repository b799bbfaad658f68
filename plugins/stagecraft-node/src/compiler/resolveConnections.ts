import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  DeployableComponentEntity,
  EndpointEntity,
} from '@stagecraft/plugin-stagecraft-common';
import { CatalogIndex } from './CatalogIndex';
import { envPrefix, namespaceName, serviceHost, workloadName } from './naming';
import { Diagnostic } from './types';

/** A permitted dependency of one component on one endpoint, in one environment. */
export interface Connection {
  consumerRef: string;
  consumer: DeployableComponentEntity;
  consumerNamespace: string;
  endpointRef: string;
  endpoint: EndpointEntity;
  /** The component serving the endpoint, its project and namespace. */
  providerRef: string;
  provider: DeployableComponentEntity | undefined;
  providerNamespace: string;
  /** The target is not deployed in this environment: env vars and policies are generated, traffic will flow once it is. */
  pending: boolean;
  env: Record<string, string>;
}

const URL_SCHEMES: Record<string, string> = {
  http: 'http',
  graphql: 'http',
  websocket: 'ws',
  grpc: 'grpc',
  tcp: 'tcp',
  udp: 'udp',
};

/**
 * Resolves every declared dependency on an endpoint (`spec.dependsOn: [endpoint:…]`) of the
 * deployed components. Visibility decides what is permitted: a `project` endpoint only for
 * components of the same project; a forbidden dependency is an error naming both ends.
 */
export function resolveConnections(
  index: CatalogIndex,
  environment: string,
  consumers: DeployableComponentEntity[],
  deployed: Set<string>,
): { connections: Connection[]; diagnostics: Diagnostic[] } {
  const connections: Connection[] = [];
  const diagnostics: Diagnostic[] = [];

  for (const consumer of consumers) {
    const consumerRef = stringifyEntityRef(consumer);
    const consumerProject = consumer.spec.system!;
    const dependsOn = consumer.spec.dependsOn ?? [];
    dependsOn.forEach((written, i) => {
      const parsed = CatalogIndex.ref(
        written,
        'Component',
        consumer.metadata.namespace,
      );
      if (!parsed.startsWith('endpoint:')) return; // component-level dependencies carry no traffic
      const path = `spec.dependsOn[${i}]`;
      const endpoint = index.endpoint(parsed);
      if (!endpoint) {
        diagnostics.push({
          severity: 'error',
          code: 'unknown-endpoint',
          entityRef: consumerRef,
          path,
          message: `${consumerRef} depends on ${parsed}, which is not in the catalog`,
        });
        return;
      }
      const providerRef = CatalogIndex.ref(
        endpoint.spec.component,
        'Component',
        endpoint.metadata.namespace,
      );
      const provider = index.get(providerRef) as
        | DeployableComponentEntity
        | undefined;
      const providerProject = (
        provider?.spec as { system?: string } | undefined
      )?.system;
      if (!provider || !providerProject) {
        diagnostics.push({
          severity: 'error',
          code: 'endpoint-without-project',
          entityRef: parsed,
          path: 'spec.component',
          message: `${parsed} is served by ${providerRef}, which is not a component of a project`,
        });
        return;
      }
      if (
        endpoint.spec.visibility === 'project' &&
        providerProject !== consumerProject
      ) {
        diagnostics.push({
          severity: 'error',
          code: 'visibility-forbids-dependency',
          entityRef: consumerRef,
          path,
          message: `${consumerRef} (project ${consumerProject}) depends on ${parsed}, whose visibility "project" admits only components of project ${providerProject}; make the endpoint "organization" or remove the dependency`,
        });
        return;
      }
      const providerNamespace = namespaceName(providerProject, environment);
      const pending = !deployed.has(providerRef);
      if (pending) {
        diagnostics.push({
          severity: 'pending',
          code: 'pending-connection',
          entityRef: consumerRef,
          path,
          message: `${consumerRef} → ${parsed}: ${providerRef} is not deployed in ${environment} yet; the connection opens when it is`,
        });
      }
      const override = consumer.spec.deploy?.connections?.[written];
      const prefix = override?.envPrefix ?? envPrefix(endpoint.metadata.name);
      const host = serviceHost(
        workloadName(provider.metadata.name),
        providerNamespace,
      );
      const { port, protocol, basePath } = endpoint.spec;
      const suffix =
        ['http', 'graphql', 'websocket'].includes(protocol) && basePath !== '/'
          ? basePath
          : '';
      connections.push({
        consumerRef,
        consumer,
        consumerNamespace: namespaceName(consumerProject, environment),
        endpointRef: parsed,
        endpoint,
        providerRef,
        provider,
        providerNamespace,
        pending,
        env: {
          [`${prefix}_URL`]: `${URL_SCHEMES[protocol]}://${host}:${port}${suffix}`,
          [`${prefix}_HOST`]: host,
          [`${prefix}_PORT`]: String(port),
        },
      });
    });
  }
  return { connections, diagnostics };
}
