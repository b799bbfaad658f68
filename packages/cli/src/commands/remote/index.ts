import { RemoteCommands } from '../../remote/RemoteCommand';
import { addApprovalsCommand } from './approvals';
import { addDecideCommands } from './decide';
import { addDeployCommand } from './deploy';
import { addDiffCommand } from './diff';
import { addExplainCommand } from './explain';
import { addHistoryCommand } from './history';
import { addLogsCommand } from './logs';
import { addPromoteCommand } from './promote';
import { addRedeployCommand } from './redeploy';
import { addRollbackCommand } from './rollback';
import { addStatusCommand } from './status';
import { addUndeployCommand } from './undeploy';

/** The commands that talk to a running backend, in the order `--help` lists them. */
export function addRemoteCommands(commands: RemoteCommands) {
  for (const add of [
    addStatusCommand,
    addHistoryCommand,
    addApprovalsCommand,
    addLogsCommand,
    addDiffCommand,
    addExplainCommand,
    addDeployCommand,
    addPromoteCommand,
    addDecideCommands,
    addRollbackCommand,
    addRedeployCommand,
    addUndeployCommand,
  ])
    add(commands);
}
