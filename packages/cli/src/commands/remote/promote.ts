import type { PromoteResult } from '@stagecraft/plugin-stagecraft-common';
import { ExitCode } from '../../ExitCode';
import { approvalLine, deploymentLine } from '../../remote/formatDeployments';
import {
  printJson,
  remoteCommand,
  RemoteCommands,
  RemoteOptions,
} from '../../remote/RemoteCommand';

/**
 * `stagecraft promote <component> --from <env>`: the release running in `from` goes to the
 * pipeline's next stage, or an approval request is opened for it (exit code 6, so a script
 * knows the promotion is not done yet).
 */
export function addPromoteCommand({ program, run }: RemoteCommands) {
  remoteCommand(
    program,
    'promote',
    "Promote the release running in --from to the pipeline's next environment (exit 6: an approval was requested)",
  )
    .argument('<component>', 'e.g. checkout-api')
    .requiredOption('--from <environment>', 'the environment to promote from')
    .action((component: string, options: RemoteOptions & { from: string }) =>
      run(options, async ({ client, io, json }) => {
        const result = await client.invoke<PromoteResult>('promote', {
          component,
          from: options.from,
        });
        const code =
          result.outcome === 'approval-requested'
            ? ExitCode.ApprovalPending
            : ExitCode.Ok;
        if (json) {
          printJson(io, result);
          return code;
        }
        if (result.outcome === 'approval-requested') {
          io.out(approvalLine(result.approval));
          io.out(
            `${result.approval.environment} needs an approval by someone else: \`stagecraft approve ${result.approval.id}\`\n`,
          );
        } else {
          io.out(deploymentLine('promoted', result.deployment));
        }
        return code;
      }),
    );
}
