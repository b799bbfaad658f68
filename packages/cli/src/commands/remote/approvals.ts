import type { ApprovalRequest } from '@stagecraft/plugin-stagecraft-common';
import { ExitCode } from '../../ExitCode';
import { approvalsTable } from '../../remote/formatDeployments';
import {
  printJson,
  remoteCommand,
  RemoteCommands,
  RemoteOptions,
} from '../../remote/RemoteCommand';

/** `stagecraft approvals <component>`: its approval requests, pending and decided. */
export function addApprovalsCommand({ program, run }: RemoteCommands) {
  remoteCommand(
    program,
    'approvals',
    "A component's approval requests, pending and decided (approve one with `stagecraft approve <id>`)",
  )
    .argument('<component>', 'e.g. checkout-api')
    .action((component: string, options: RemoteOptions) =>
      run(options, async ({ client, io, json }) => {
        const approvals = await client.invoke<{
          pending: ApprovalRequest[];
          decided: ApprovalRequest[];
        }>('list-approvals', { component });
        if (json) return printJson(io, approvals);
        io.out(approvalsTable([...approvals.pending, ...approvals.decided]));
        return ExitCode.Ok;
      }),
    );
}
