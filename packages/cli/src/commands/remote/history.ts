import type { HistoryRecord } from '@stagecraft/plugin-stagecraft-common';
import { historyTable } from '../../remote/formatDeployments';
import {
  integerArgument,
  printJson,
  remoteCommand,
  RemoteCommands,
  RemoteOptions,
} from '../../remote/RemoteCommand';
import { ExitCode } from '../../ExitCode';

/** The action's bound on entries per call. */
const MAX_LIMIT = 200;

/** `stagecraft history <component> [--env]`: who did what to its deployments, newest first. */
export function addHistoryCommand({ program, run }: RemoteCommands) {
  remoteCommand(
    program,
    'history',
    "A component's deployment history: deploys, promotions, approvals, rollbacks, who and when",
  )
    .argument('<component>', 'e.g. checkout-api')
    .option('--env <environment>', 'only this environment')
    .option(
      '--limit <n>',
      `how many entries, newest first (at most ${MAX_LIMIT})`,
    )
    .action(
      (
        component: string,
        options: RemoteOptions & { env?: string; limit?: string },
      ) =>
        run(options, async ({ client, io, json }) => {
          const history = await client.invoke<{
            entries: HistoryRecord[];
            truncated?: boolean;
          }>('get-deployment-history', {
            component,
            environment: options.env,
            limit:
              options.limit === undefined
                ? undefined
                : integerArgument('--limit', options.limit, 1, MAX_LIMIT),
          });
          if (json) return printJson(io, history);
          io.out(historyTable(history.entries));
          if (history.truncated)
            io.err(
              `stagecraft: older entries left out: see more with --limit (at most ${MAX_LIMIT})\n`,
            );
          return ExitCode.Ok;
        }),
    );
}
