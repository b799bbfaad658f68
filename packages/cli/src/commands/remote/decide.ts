import type { ApprovalRequest } from '@stagecraft/plugin-stagecraft-common';
import { ExitCode } from '../../ExitCode';
import { approvalLine } from '../../remote/formatDeployments';
import {
  integerArgument,
  printJson,
  remoteCommand,
  RemoteCommands,
  RemoteOptions,
} from '../../remote/RemoteCommand';

/**
 * `stagecraft approve <approvalId>` and `stagecraft deny <approvalId>`: decide a pending
 * approval request (never your own: the backend refuses the requester).
 */
export function addDecideCommands(commands: RemoteCommands) {
  addDecideCommand(commands, 'approve', 'approve-promotion', 'Approve');
  addDecideCommand(commands, 'deny', 'deny-promotion', 'Deny');
}

function addDecideCommand(
  { program, run }: RemoteCommands,
  name: string,
  action: string,
  verb: string,
) {
  remoteCommand(
    program,
    name,
    `${verb} a pending approval request (see \`stagecraft approvals <component>\`)`,
  )
    .argument('<approvalId>', 'the request number, e.g. 7')
    .option('--comment <text>', 'why, recorded with the decision')
    .action(
      (approvalId: string, options: RemoteOptions & { comment?: string }) =>
        run(options, async ({ client, io, json }) => {
          const { approval } = await client.invoke<{
            approval: ApprovalRequest;
          }>(action, {
            approvalId: integerArgument(
              'approvalId',
              approvalId,
              1,
              Number.MAX_SAFE_INTEGER,
            ),
            comment: options.comment,
          });
          if (json) return printJson(io, { approval });
          io.out(approvalLine(approval));
          return ExitCode.Ok;
        }),
    );
}
