import { Agent, AgentOptions } from 'node:https';

/**
 * One keep-alive HTTPS agent for as long as the TLS material it was built with stays the same.
 *
 * client-node 1.x builds a new agent for every request, so every request would pay a TCP and
 * TLS handshake on both ends: `yarn bench:reconcile` measured 185–192 requests/s that way
 * against 639–921/s over kept-alive connections. The agent is replaced when the material
 * changes (a rotated client certificate or CA); the old one's idle connections close at once,
 * and the rest after {@link RETIRE_AFTER_MS}, so requests under way on them still finish.
 */
export class SharedHttpsAgent {
  private current: { material: unknown[]; agent: Agent } | undefined;

  /**
   * @param maxSockets - connections per host. Unbounded by default: node-fetch (under
   * client-node) mistakes a response on a socket another request is queued for as cut short
   * ("Premature close", node-fetch#1767), which parallel applies hit at once. What is in flight
   * is bounded by the callers instead: reconcile concurrency × the applier's parallelism.
   */
  constructor(private readonly maxSockets = Infinity) {}

  /** The agent for `options` (the TLS part of a request's options). */
  for(options: AgentOptions): Agent {
    const material = [
      options.ca,
      options.cert,
      options.key,
      options.pfx,
      options.passphrase,
      options.rejectUnauthorized,
      options.servername,
    ];
    const current = this.current;
    if (current && material.every((v, i) => same(v, current.material[i])))
      return current.agent;
    if (current) retire(current.agent);
    const agent = new Agent({
      ...options,
      keepAlive: true,
      maxSockets: this.maxSockets,
    });
    this.current = { material, agent };
    return agent;
  }

  /** Closes the agent's connections; a later request builds a new one. */
  destroy(): void {
    this.current?.agent.destroy();
    this.current = undefined;
  }
}

/** Longer than any request the agents carry waits for its answer (ApiConnection: 90 s). */
const RETIRE_AFTER_MS = 120_000;

/** Closes an agent's idle connections now and the others once their requests are done. */
function retire(agent: Agent): void {
  for (const sockets of Object.values(agent.freeSockets))
    for (const socket of sockets ?? []) socket.destroy();
  setTimeout(() => agent.destroy(), RETIRE_AFTER_MS).unref();
}

/** Equal TLS settings: buffers by content, anything else by its text. */
function same(a: unknown, b: unknown): boolean {
  if (Buffer.isBuffer(a) && Buffer.isBuffer(b)) return a.equals(b);
  return String(a) === String(b);
}
