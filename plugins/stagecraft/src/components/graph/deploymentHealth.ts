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
 * The environments where the backend reports a consumer's dependency on an endpoint as a
 * pending connection (its provider is not deployed there yet).
 */
export function pendingEnvironments(
  deployments: DeploymentStatus[],
  connection: { consumerRef: string; endpointRef: string },
): string[] {
  const { consumerRef, endpointRef } = connection;
  return deployments
    .filter(d => d.componentRef === consumerRef)
    .filter(d =>
      d.pendingConnections.some(
        p => p.consumerRef === consumerRef && p.endpointRef === endpointRef,
      ),
    )
    .map(d => d.environment);
}
