import type { DeploymentStatus } from '@stagecraft/plugin-stagecraft-common';
import { ExitCode } from '../../ExitCode';
import { deploymentLine } from '../../remote/formatDeployments';
import { printJson, RemoteContext } from '../../remote/RemoteCommand';

/**
 * Invokes a write that answers with the deployment (rollback, redeploy, undeploy, deploy) and
 * prints it. The write is recorded when this returns; the data plane follows (`status`).
 */
export async function writeDeployment(
  { client, io, json }: RemoteContext,
  action: string,
  input: object,
  verb: string,
): Promise<number> {
  const output = await client.invoke<
    { deployment: DeploymentStatus } | DeploymentStatus
  >(action, input);
  if (json) return printJson(io, output);
  // The writes answer {deployment}; an action may also answer the deployment itself.
  io.out(
    deploymentLine(verb, 'deployment' in output ? output.deployment : output),
  );
  return ExitCode.Ok;
}
