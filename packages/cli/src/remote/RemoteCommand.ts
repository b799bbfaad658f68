import { Command } from 'commander';
import { ExitCode, Io } from '../ExitCode';
import { RemoteError } from './RemoteError';
import { signInAsGuest } from './guestToken';
import { StagecraftClient } from './StagecraftClient';

/** The backend the CLI talks to when neither --url nor STAGECRAFT_URL says otherwise. */
export const DEFAULT_URL = 'http://localhost:7007';

/** Options every remote command takes. */
export interface RemoteOptions {
  url?: string;
  token?: string;
  json?: boolean;
}

/** What a remote command runs with. */
export interface RemoteContext {
  client: StagecraftClient;
  io: Io;
  /** Print the action's output as JSON (for scripts) rather than for people. */
  json: boolean;
}

/** Registers remote commands on the program; each file under commands/remote adds one. */
export interface RemoteCommands {
  program: Command;
  /** Runs a command's body with a client and records its exit code. */
  run(
    options: RemoteOptions,
    body: (ctx: RemoteContext) => Promise<number>,
  ): Promise<void>;
}

/** Adds --url, --token and --json to a remote command. */
export function remoteCommand(
  program: Command,
  name: string,
  description: string,
): Command {
  return program
    .command(name)
    .description(description)
    .option(
      '--url <url>',
      `the Stagecraft backend (default: $STAGECRAFT_URL, else ${DEFAULT_URL})`,
    )
    .option(
      '--token <token>',
      'a Backstage token (default: $STAGECRAFT_TOKEN, which keeps it out of the process list; without one, a backend on this machine is asked for its guest sign-in)',
    )
    .option('--json', "print the backend's answer as JSON, for scripts");
}

/**
 * The runner of remote commands: builds the client from the options and the environment, and
 * turns a RemoteError into its message on stderr and its exit code. Any other error is a bug
 * and propagates.
 */
export function remoteRunner(
  io: Io,
  env: Record<string, string | undefined>,
  setExitCode: (code: number) => void,
) {
  return async (
    options: RemoteOptions,
    body: (ctx: RemoteContext) => Promise<number>,
  ) => {
    try {
      const url = options.url ?? env.STAGECRAFT_URL ?? DEFAULT_URL;
      const token =
        options.token ??
        (env.STAGECRAFT_TOKEN || undefined) ??
        (await signInAsGuest(url));
      const client = new StagecraftClient({ url, token });
      setExitCode(await body({ client, io, json: Boolean(options.json) }));
    } catch (error) {
      if (!(error instanceof RemoteError)) throw error;
      io.err(`stagecraft: ${error.message}\n`);
      setExitCode(error.exitCode);
    }
  };
}

/** Prints a value as the --json output: the action's output as is. */
export function printJson(io: Io, value: unknown): number {
  io.out(`${JSON.stringify(value, null, 2)}\n`);
  return ExitCode.Ok;
}

/** A usage error found before anything is sent. */
export function usageError(message: string): RemoteError {
  return new RemoteError(message, ExitCode.Usage);
}

/** Parses a whole number argument within bounds, or fails as a usage error naming it. */
export function integerArgument(
  name: string,
  value: string,
  min: number,
  max: number,
): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed < min || parsed > max)
    throw usageError(`${name} must be a whole number from ${min} to ${max}`);
  return parsed;
}
