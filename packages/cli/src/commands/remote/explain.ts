import { ExitCode } from '../../ExitCode';
import {
  integerArgument,
  printJson,
  remoteCommand,
  RemoteCommands,
  RemoteOptions,
} from '../../remote/RemoteCommand';
import {
  formatTrafficExplanation,
  TrafficExplanation,
} from '../../remote/formatTraffic';

/**
 * `stagecraft explain <from> <to> --env <env> [--port P]`: can a component reach an endpoint
 * or component, and why (or why not), from the compiled policies. Exits 0 when allowed, 1
 * when not, with --json too.
 */
export function addExplainCommand({ program, run }: RemoteCommands) {
  remoteCommand(
    program,
    'explain',
    'Can component <from> reach endpoint or component <to> in an environment, and why (or why not)',
  )
    .argument('<from>', 'the calling component, e.g. checkout-api')
    .argument('<to>', 'an endpoint or component, e.g. endpoint:ledger-http')
    .requiredOption('--env <environment>', 'the environment')
    .option(
      '--port <port>',
      'the port (may be left out when the target serves one port)',
    )
    .action(
      (
        from: string,
        to: string,
        options: RemoteOptions & { env: string; port?: string },
      ) =>
        run(options, async ({ client, io, json }) => {
          const explanation = await client.invoke<TrafficExplanation>(
            'explain-traffic',
            {
              from,
              to,
              environment: options.env,
              port:
                options.port === undefined
                  ? undefined
                  : integerArgument('--port', options.port, 1, 65535),
            },
          );
          if (json) printJson(io, explanation);
          else io.out(formatTrafficExplanation(explanation));
          // Like grep: a script can ask "may A reach B?" and branch on the answer.
          return explanation.allowed ? ExitCode.Ok : ExitCode.Failed;
        }),
    );
}
