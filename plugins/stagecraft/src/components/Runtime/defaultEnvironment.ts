import type { DeploymentStatus } from '@stagecraft/plugin-stagecraft-common';

/**
 * The environment to show first: the first one the component is deployed to (the list comes in
 * pipeline order, see inPipelineOrder), else the first one it has a record in.
 */
export function defaultEnvironment(
  deployments: DeploymentStatus[],
): string | undefined {
  return (
    deployments.find(d => d.desiredState === 'deployed') ?? deployments[0]
  )?.environment;
}
