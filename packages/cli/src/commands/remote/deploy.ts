import {
  remoteCommand,
  RemoteCommands,
  RemoteOptions,
} from '../../remote/RemoteCommand';
import { writeDeployment } from './deploymentWrite';

/**
 * `stagecraft deploy <component> [--env <env>]`: refresh the entity in the catalog (so what
 * was just committed counts) and deploy its latest intent.
 */
export function addDeployCommand({ program, run }: RemoteCommands) {
  remoteCommand(
    program,
    'deploy',
    "Refresh the component in the catalog and deploy its latest intent (default: the pipeline's first environment)",
  )
    .argument('<component>', 'e.g. checkout-api')
    .option('--env <environment>', 'the environment (default: the first stage)')
    .action((component: string, options: RemoteOptions & { env?: string }) =>
      run(options, ctx =>
        writeDeployment(
          ctx,
          'deploy',
          // Refresh first, so what was just committed is what gets deployed.
          { component, environment: options.env, refresh: true },
          'deployed',
        ),
      ),
    );
}
