import {
  remoteCommand,
  RemoteCommands,
  RemoteOptions,
} from '../../remote/RemoteCommand';
import { writeDeployment } from './deploymentWrite';

/** `stagecraft rollback <component> --env <env> --release <id>`. */
export function addRollbackCommand({ program, run }: RemoteCommands) {
  remoteCommand(
    program,
    'rollback',
    'Return a deployment to a release that ran in its environment before (see `stagecraft history`)',
  )
    .argument('<component>', 'e.g. checkout-api')
    .requiredOption('--env <environment>', 'the environment to roll back')
    .requiredOption('--release <releaseId>', 'the release id (64 hex digits)')
    .action(
      (
        component: string,
        options: RemoteOptions & { env: string; release: string },
      ) =>
        run(options, ctx =>
          writeDeployment(
            ctx,
            'rollback',
            { component, environment: options.env, releaseId: options.release },
            'rolled back',
          ),
        ),
    );
}
