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
  const deployment = await client.invoke<DeploymentStatus>(action, input);
  if (json) return printJson(io, deployment);
  io.out(deploymentLine(verb, deployment));
  return ExitCode.Ok;
}
