import {
  remoteCommand,
  RemoteCommands,
  RemoteOptions,
} from '../../remote/RemoteCommand';
import { writeDeployment } from './deploymentWrite';

/** `stagecraft redeploy <component> --env <env>`: re-apply the current release. */
export function addRedeployCommand({ program, run }: RemoteCommands) {
  remoteCommand(
    program,
    'redeploy',
    'Re-apply the current release, overwriting what was changed by hand (or bring back an undeployed one)',
  )
    .argument('<component>', 'e.g. checkout-api')
    .requiredOption('--env <environment>', 'the environment')
    .action((component: string, options: RemoteOptions & { env: string }) =>
      run(options, ctx =>
        writeDeployment(
          ctx,
          'redeploy',
          { component, environment: options.env },
          'redeployed',
        ),
      ),
    );
}
