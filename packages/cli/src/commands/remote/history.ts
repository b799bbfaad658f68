import type { HistoryRecord } from '@stagecraft/plugin-stagecraft-common';
import { historyTable } from '../../remote/formatDeployments';
import {
  printJson,
  remoteCommand,
  RemoteCommands,
  RemoteOptions,
} from '../../remote/RemoteCommand';
import { ExitCode } from '../../ExitCode';

/** `stagecraft history <component> [--env]`: who did what to its deployments, newest first. */
export function addHistoryCommand({ program, run }: RemoteCommands) {
  remoteCommand(
    program,
    'history',
    "A component's deployment history: deploys, promotions, approvals, rollbacks, who and when",
  )
    .argument('<component>', 'e.g. checkout-api')
    .option('--env <environment>', 'only this environment')
    .action((component: string, options: RemoteOptions & { env?: string }) =>
      run(options, async ({ client, io, json }) => {
        const history = await client.invoke<{ items: HistoryRecord[] }>(
          'get-deployment-history',
          { component, environment: options.env },
        );
        if (json) return printJson(io, history);
        io.out(historyTable(history.items));
        return ExitCode.Ok;
      }),
    );
}
