import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  DeployableComponentEntity,
  EndpointEntity,
  isDependencyPermitted,
  isHttpLike,
  projectNameOf,
  projectRefOf,
} from '@stagecraft/plugin-stagecraft-common';
import { CatalogIndex } from './CatalogIndex';
import {
  envPrefix,
  namespaceName,
  serviceHost,
  unusableNames,
  workloadName,
} from './naming';
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
 * deployed components. Visibility decides what is permitted (`isDependencyPermitted`, the rule
 * the portal draws too); a forbidden dependency is an error naming both ends.
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
    for (const dependency of index.dependenciesOf(consumer)) {
      const { endpointRef, endpoint, providerRef, provider, written } =
        dependency;
      const path = `spec.dependsOn[${dependency.index}]`;
      if (!endpoint) {
        diagnostics.push({
          severity: 'error',
          code: 'unknown-endpoint',
          entityRef: consumerRef,
          path,
          message: `${consumerRef} depends on ${endpointRef}, which is not in the catalog`,
        });
        continue;
      }
      const providerProject = provider && projectNameOf(provider);
      if (!provider || !providerProject) {
        diagnostics.push({
          severity: 'error',
          code: 'endpoint-without-project',
          entityRef: endpointRef,
          path: 'spec.component',
          message: `${endpointRef} is served by ${
            providerRef ?? 'no component'
          }, which is not a component of a project`,
        });
        continue;
      }
      const { visibility } = endpoint.spec;
      if (
        !isDependencyPermitted({
          visibility,
          consumerProject: projectRefOf(consumer),
          providerProject: projectRefOf(provider),
        })
      ) {
        diagnostics.push({
          severity: 'error',
          code: 'visibility-forbids-dependency',
          entityRef: consumerRef,
          path,
          message: `${consumerRef} (project ${consumerProject}) depends on ${endpointRef}, whose visibility "project" admits only components of project ${providerProject}; make the endpoint "organization" or remove the dependency`,
        });
        continue;
      }
      // A provider, project or endpoint whose name cannot name Kubernetes objects is never
      // deployed (compileEnvironment leaves it out), and its host cannot even be written.
      const unusable = unusableNames([provider, endpoint]);
      if (unusable.length > 0) {
        diagnostics.push({
          severity: 'error',
          code: 'invalid-name',
          entityRef: consumerRef,
          path,
          message: `${consumerRef} depends on ${endpointRef}, which can never be deployed: ${unusable[0].message}`,
        });
        continue;
      }
      const providerNamespace = namespaceName(providerProject, environment);
      const pending = !deployed.has(providerRef!);
      if (pending) {
        diagnostics.push({
          severity: 'pending',
          code: 'pending-connection',
          entityRef: consumerRef,
          path,
          message: `${consumerRef} → ${endpointRef}: ${providerRef} is not deployed in ${environment} yet; the connection opens when it is`,
          connection: { consumerRef, endpointRef, providerRef: providerRef! },
        });
      }
      const override = consumer.spec.deploy?.connections?.[written];
      const prefix = override?.envPrefix ?? envPrefix(endpoint.metadata.name);
      const host = serviceHost(
        workloadName(provider.metadata.name),
        providerNamespace,
      );
      const { port, protocol, basePath } = endpoint.spec;
      const suffix = isHttpLike(protocol) && basePath !== '/' ? basePath : '';
      connections.push({
        consumerRef,
        consumer,
        consumerNamespace: namespaceName(consumerProject, environment),
        endpointRef,
        endpoint,
        providerRef: providerRef!,
        provider: provider as DeployableComponentEntity,
        providerNamespace,
        pending,
        env: {
          [`${prefix}_URL`]: `${URL_SCHEMES[protocol]}://${host}:${port}${suffix}`,
          [`${prefix}_HOST`]: host,
          [`${prefix}_PORT`]: String(port),
        },
      });
    }
  }
  return { connections, diagnostics };
}
