import type { LogLine } from '@stagecraft/plugin-stagecraft-common';
import { ExitCode } from '../../ExitCode';
import {
  integerArgument,
  printJson,
  remoteCommand,
  RemoteCommands,
  RemoteContext,
  RemoteOptions,
} from '../../remote/RemoteCommand';
import { logLineText } from '../../remote/logLineText';
import { printable } from '../../remote/table';
import { followLogs } from './followLogs';

/** The options of `stagecraft logs`. */
export interface LogsOptions extends RemoteOptions {
  env: string;
  follow?: boolean;
  lines?: string;
  pod?: string;
  container?: string;
}

/** At most this many lines without -f: the action's bound. */
const MAX_LINES = 500;

/**
 * `stagecraft logs <component> --env <env> [-f] [--lines N] [--pod] [--container]`: the last
 * lines of every container of the deployment's pods; with -f, then every new line until
 * Ctrl-C (exit 0) or the pods stop.
 */
export function addLogsCommand({ program, run }: RemoteCommands) {
  remoteCommand(
    program,
    'logs',
    "The last log lines of a component's pods in an environment; -f follows new lines until Ctrl-C",
  )
    .argument('<component>', 'e.g. checkout-api')
    .requiredOption('--env <environment>', 'the environment')
    .option('-f, --follow', 'keep printing new lines until Ctrl-C')
    .option(
      '--lines <n>',
      `how many recent lines: the newest of all containers together (default 100, at most ${MAX_LINES}); with -f, per container before following (default 100, 0 for none)`,
    )
    .option('--pod <pod>', 'only this pod')
    .option('--container <container>', 'only this container')
    .action((component: string, options: LogsOptions) =>
      run(options, ctx =>
        options.follow
          ? followLogs(ctx, component, options)
          : recentLogs(ctx, component, options),
      ),
    );
}

async function recentLogs(
  { client, io, json }: RemoteContext,
  component: string,
  options: LogsOptions,
): Promise<number> {
  const logs = await client.invoke<{
    lines: LogLine[];
    truncatedReason?: string;
    errors?: { pod: string; container: string; message: string }[];
  }>('get-logs', {
    component,
    environment: options.env,
    lines:
      options.lines === undefined
        ? undefined
        : integerArgument('--lines', options.lines, 1, MAX_LINES),
    pod: options.pod,
    container: options.container,
  });
  if (json) return printJson(io, logs);
  for (const line of logs.lines) io.out(logLineText(line));
  // As with -f: what could not be read goes to stderr, and the run is not a clean one.
  for (const e of logs.errors ?? [])
    io.err(
      `stagecraft: ${printable(`${e.pod}/${e.container}: ${e.message}`, {
        oneLine: true,
      })}\n`,
    );
  if (logs.truncatedReason)
    io.err(
      `stagecraft: ${printable(logs.truncatedReason, { oneLine: true })}\n`,
    );
  return logs.errors?.length ? ExitCode.Failed : ExitCode.Ok;
}
