import type { DeploymentStatus } from '@stagecraft/plugin-stagecraft-common';

/** Lists of thousands of deployments from a backend busy reconciling them are slow. */
const REQUEST_TIMEOUT_MS = 300_000;

/** The few REST calls of the Stagecraft API the memory benchmark makes, as a service. */
export class DeploymentsApi {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  /**
   * Every deployment in `environment` (GET /environments/:environment/deployments); none
   * while the environment has not reached the backend's catalog yet (404).
   */
  async list(environment: string): Promise<DeploymentStatus[]> {
    const body = await this.call(
      'GET',
      `/environments/${encodeURIComponent(environment)}/deployments`,
      undefined,
      [404],
    );
    return (body as { items?: DeploymentStatus[] }).items ?? [];
  }

  /** Promotes `componentRef`'s release in `from` to the next stage of its pipeline. */
  async promote(componentRef: string, from: string): Promise<void> {
    await this.call('POST', `${componentPath(componentRef)}/promote`, { from });
  }

  /** Deploys `componentRef`'s latest release to `environment`. */
  async deploy(componentRef: string, environment: string): Promise<void> {
    await this.call(
      'POST',
      `${componentPath(componentRef)}/deployments/${environment}/deploy`,
      {},
    );
  }

  /** How many entities of `kind` the backend's catalog holds. */
  async catalogCount(kind: string): Promise<number> {
    const response = await fetch(
      `${this.baseUrl}/api/catalog/entities/by-query?filter=kind=${kind}&limit=1`,
      {
        headers: { authorization: `Bearer ${this.token}` },
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      },
    );
    if (!response.ok)
      throw new Error(`the catalog answered ${response.status}`);
    return ((await response.json()) as { totalItems: number }).totalItems;
  }

  private async call(
    method: string,
    path: string,
    body?: object,
    answeredAsEmpty: number[] = [],
  ) {
    const response = await fetch(`${this.baseUrl}/api/stagecraft${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    if (answeredAsEmpty.includes(response.status)) return {};
    if (!response.ok)
      throw new Error(
        `${method} ${path} answered ${
          response.status
        }: ${await response.text()}`,
      );
    return response.json();
  }
}

function componentPath(componentRef: string) {
  const [, namespace, name] = /^component:([^/]+)\/(.+)$/.exec(componentRef)!;
  return `/components/${namespace}/${encodeURIComponent(name)}`;
}

/**
 * Whether the reconcile has put `d`'s current release on the cluster: it acted on the latest
 * generation and applied that release. On an API server without nodes a Deployment never
 * gets available pods, so `synced` cannot be the bar there; `progressing` with the release
 * applied is as far as the control plane's own work goes.
 */
export function applied(d: DeploymentStatus): boolean {
  return (
    d.desiredState === 'deployed' &&
    d.sync.observedGeneration === d.generation &&
    d.sync.lastAppliedReleaseId === d.releaseId &&
    d.sync.state !== 'failed'
  );
}

/** How many deployments are in each sync state, e.g. `{"progressing":1000}`. */
export function stateCounts(items: DeploymentStatus[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const d of items) counts[d.sync.state] = (counts[d.sync.state] ?? 0) + 1;
  return counts;
}

/**
 * Polls `check` every `intervalMs` until it answers true; throws after `timeoutMs`. A check
 * that throws (a busy backend answering a list slower than the request timeout) is tried
 * again on the next poll, unless `fatal` says the error ends the wait.
 */
export async function pollUntil(
  what: string,
  check: () => Promise<boolean>,
  o: { timeoutMs: number; intervalMs?: number; fatal?: (e: Error) => boolean },
): Promise<void> {
  const deadline = Date.now() + o.timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    let done = false;
    try {
      done = await check();
    } catch (error) {
      if (o.fatal?.(error as Error)) throw error;
      lastError = `; last error: ${(error as Error).message}`;
    }
    if (done) return;
    await new Promise(r => setTimeout(r, o.intervalMs ?? 5000));
  }
  throw new Error(
    `timed out after ${o.timeoutMs / 1000} s waiting for ${what}${lastError}`,
  );
}
