import type { DeploymentStatus } from '@stagecraft/plugin-stagecraft-common';
import { ExitCode } from '../../ExitCode';
import {
  deploymentNotes,
  deploymentsTable,
} from '../../remote/formatDeployments';
import {
  printJson,
  remoteCommand,
  RemoteCommands,
  RemoteOptions,
} from '../../remote/RemoteCommand';
import { printable, shortRelease, shortTime } from '../../remote/table';

/** The output of stagecraft:get-component-status, as far as the table needs it. */
interface ComponentStatus {
  componentRef: string;
  latestRelease?: { id: string; image?: string; createdAt: string };
  deployments: Partial<DeploymentStatus>[];
}

/** The component and its newest release: what every environment is heading for. */
function heading({ componentRef, latestRelease: latest }: ComponentStatus) {
  const release = latest
    ? `: latest release ${shortRelease(latest.id)}${
        latest.image ? ` (${latest.image})` : ''
      }, created ${shortTime(latest.createdAt)}`
    : ': no release yet';
  return `${printable(`${componentRef}${release}`, { oneLine: true })}\n`;
}

/** `stagecraft status <component>`: the component's deployments, one row per environment. */
export function addStatusCommand({ program, run }: RemoteCommands) {
  remoteCommand(
    program,
    'status',
    "A component's deployments per environment: release, image, sync state, ready replicas",
  )
    .argument(
      '<component>',
      'e.g. checkout-api or component:default/checkout-api',
    )
    .action((component: string, options: RemoteOptions) =>
      run(options, async ({ client, io, json }) => {
        const status = await client.invoke<ComponentStatus>(
          'get-component-status',
          { component },
        );
        if (json) return printJson(io, status);
        io.out(heading(status));
        if (status.deployments.length === 0) {
          io.out('not deployed anywhere yet\n');
          return ExitCode.Ok;
        }
        io.out(deploymentsTable(status.deployments));
        io.out(deploymentNotes(status.deployments));
        return ExitCode.Ok;
      }),
    );
}
