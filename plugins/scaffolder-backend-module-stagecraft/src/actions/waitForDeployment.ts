import type {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { DeploymentStatus } from '@stagecraft/plugin-stagecraft-common';
import type { StagecraftClient } from '../client/StagecraftClient';
import { sleep } from '../sleep';

/** How long to wait for a deployment, and how often to look. */
export interface WaitOptions {
  timeoutSeconds: number;
  /** Milliseconds between two reads of the status. Default 1000. */
  pollIntervalMs?: number;
  signal?: AbortSignal;
}

/**
 * Whether a deployment has become what was asked: the reconcile acted on the change (its
 * observed generation reached the deployment's), the data plane reports it synced, and every
 * desired replica is ready (targets that do not count replicas, GitOps, have none to wait for).
 * A newer change made meanwhile (a later commit's release) counts too: it includes this one.
 */
export function isReady(
  status: DeploymentStatus,
  asked: DeploymentStatus,
): boolean {
  return (
    (status.sync.observedGeneration ?? -1) >= asked.generation &&
    status.sync.state === 'synced' &&
    (!status.replicas || status.replicas.ready >= status.replicas.desired)
  );
}

/**
 * Polls the component's status until the deployment `asked` is ready ({@link isReady}), and
 * returns it. Fails at once when the control plane reports it `failed` (it cannot be applied:
 * waiting would not help), and with the last state and reason when the time is up.
 */
export async function waitForDeployment(
  client: StagecraftClient,
  asked: DeploymentStatus,
  credentials: BackstageCredentials,
  logger: LoggerService,
  options: WaitOptions,
): Promise<DeploymentStatus> {
  const deadline = Date.now() + options.timeoutSeconds * 1000;
  const where = `${asked.componentRef} in ${asked.environment}`;
  let last = asked;
  let lastLogged = '';
  for (;;) {
    const { deployments } = await client.getStatus(
      { component: asked.componentRef },
      credentials,
    );
    last = deployments.find(d => d.environment === asked.environment) ?? last;
    if (isReady(last, asked)) return last;
    if (
      last.sync.state === 'failed' &&
      (last.sync.observedGeneration ?? -1) >= asked.generation
    )
      throw new Error(`${where} failed to deploy: ${last.sync.reason}`);
    const progress = describe(last);
    if (progress !== lastLogged) logger.info(`${where}: ${progress}`);
    lastLogged = progress;
    if (Date.now() >= deadline)
      throw new Error(
        `${where} was not ready after ${options.timeoutSeconds} s: ${progress}. It keeps deploying; follow it on the component's Deploy tab`,
      );
    await sleep(options.pollIntervalMs ?? 1000, options.signal);
  }
}

function describe(status: DeploymentStatus): string {
  const replicas = status.replicas
    ? `, ${status.replicas.ready}/${status.replicas.desired} replicas ready`
    : '';
  return `${status.sync.state}${replicas} (${status.sync.reason})`;
}
