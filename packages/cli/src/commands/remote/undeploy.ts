import {
  remoteCommand,
  RemoteCommands,
  RemoteOptions,
} from '../../remote/RemoteCommand';
import { writeDeployment } from './deploymentWrite';

/** `stagecraft undeploy <component> --env <env>`: remove it from the environment. */
export function addUndeployCommand({ program, run }: RemoteCommands) {
  remoteCommand(
    program,
    'undeploy',
    'Remove a component from an environment (its history stays; `redeploy` brings it back)',
  )
    .argument('<component>', 'e.g. checkout-api')
    .requiredOption('--env <environment>', 'the environment')
    .action((component: string, options: RemoteOptions & { env: string }) =>
      run(options, ctx =>
        writeDeployment(
          ctx,
          'undeploy',
          { component, environment: options.env },
          'undeployed',
        ),
      ),
    );
}
