import { ExitCode } from '../../ExitCode';
import {
  printJson,
  remoteCommand,
  RemoteCommands,
  RemoteOptions,
} from '../../remote/RemoteCommand';
import { formatDiff, EnvironmentDiff } from '../../remote/formatDiff';

/** `stagecraft diff <component> <env-a> <env-b>`: what differs between two environments. */
export function addDiffCommand({ program, run }: RemoteCommands) {
  remoteCommand(
    program,
    'diff',
    "What differs between a component's deployments in two environments: release, image, config, manifests",
  )
    .argument('<component>', 'e.g. checkout-api')
    .argument('<env-a>', 'e.g. staging')
    .argument('<env-b>', 'e.g. production')
    .option(
      '--manifests',
      'also print the unified diff of the rendered manifests',
    )
    .action(
      (
        component: string,
        from: string,
        to: string,
        options: RemoteOptions & { manifests?: boolean },
      ) =>
        run(options, async ({ client, io, json }) => {
          const diff = await client.invoke<EnvironmentDiff>(
            'diff-environments',
            {
              component,
              from,
              to,
            },
          );
          if (json) return printJson(io, diff);
          io.out(formatDiff(diff, { from, to, manifests: options.manifests }));
          return ExitCode.Ok;
        }),
    );
}
