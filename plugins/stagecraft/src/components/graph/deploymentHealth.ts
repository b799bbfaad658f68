import type { DeploymentStatus } from '@stagecraft/plugin-stagecraft-common';
import { DeploymentHealth } from './types';

/** Each component's deployments by environment, keyed by component ref. */
export function healthByComponent(
  deployments: DeploymentStatus[],
): Map<string, Record<string, DeploymentHealth>> {
  const byComponent = new Map<string, Record<string, DeploymentHealth>>();
  for (const deployment of deployments) {
    const health = byComponent.get(deployment.componentRef) ?? {};
    health[deployment.environment] = {
      state: deployment.sync.state,
      reason: deployment.sync.reason,
      desiredState: deployment.desiredState,
    };
    byComponent.set(deployment.componentRef, health);
  }
  return byComponent;
}

/** The environments of the deployments, each once, in order of first appearance. */
export function environmentsOf(deployments: DeploymentStatus[]): string[] {
  return [...new Set(deployments.map(d => d.environment))];
}

/**
 * The environments where a consumer's dependency on an endpoint is a pending connection.
 *
 * @remarks
 * The backend reports pending connections as sentences (`<consumer> → <endpoint>: <provider>
 * is not deployed in dev yet; …`), so a connection is pending where one of the consumer's
 * messages names the endpoint, or names the provider (then every endpoint of it is pending).
 */
export function pendingEnvironments(
  deployments: DeploymentStatus[],
  connection: { consumerRef: string; endpointRef: string; providerRef: string },
): string[] {
  const { consumerRef, endpointRef, providerRef } = connection;
  const names = (message: string) => {
    const refs = refsIn(message);
    return (
      refs.has(endpointRef) ||
      (providerRef !== consumerRef && refs.has(providerRef))
    );
  };
  return deployments
    .filter(d => d.componentRef === consumerRef)
    .filter(d => d.pendingConnections.some(names))
    .map(d => d.environment);
}

/** The words of a message, without the punctuation that may follow a ref. */
function refsIn(message: string): Set<string> {
  return new Set(
    message.split(/\s+/).map(word => word.replace(/[:;,.]+$/, '')),
  );
}
