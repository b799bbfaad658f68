import { KubeConfig } from '@kubernetes/client-node';
import {
  Agent as HttpAgent,
  IncomingMessage,
  request as httpRequest,
} from 'node:http';
import { request as httpsRequest, RequestOptions } from 'node:https';
import { ApiRequestError } from './ApiRequestError';
import { requestVerb } from './requestVerb';
import { SharedHttpsAgent } from './sharedHttpsAgent';
import { ThrottleOptions } from './throttleMiddleware';

/** How long the kubeconfig's TLS material and Authorization header are reused. */
const CREDENTIALS_TTL_MS = 10_000;

/** What a request sends beyond its method and path. */
export interface ApiRequest {
  body?: string;
  headers?: Record<string, string>;
  /** Drain the answer without keeping it (a dry run: only the status counts). */
  discardBody?: boolean;
}

/**
 * Requests to the current cluster of a kubeconfig on `node:https`, over one keep-alive agent,
 * each through the throttle's limiter and counter.
 *
 * @remarks
 * The applier's dry runs and applies are nearly every request a converge sends (18,000 for
 * 1,000 components × 2 environments). Through client-node each one went through node-fetch,
 * client-node's middleware chain, and `applyToHTTPSOptions`, which builds (and here threw
 * away) a new TLS agent per request: a CPU profile of the converge put about a tenth of the
 * control plane's CPU there. Here the kubeconfig's credentials are read once per
 * `credentialsTtlMs`, and again at once when the server answers 401 (a rotated token), then
 * the request is sent once more. Proxied clusters are not served (see
 * {@link ApiConnection.serves}); their callers stay on client-node.
 */
export class ApiConnection {
  private readonly agents = new SharedHttpsAgent();
  /** Plain HTTP (a `kubectl proxy` on loopback, say): no TLS material to follow. */
  private readonly httpAgent = new HttpAgent({ keepAlive: true });
  private credentials:
    | { readAt: number; options: Promise<RequestOptions> }
    | undefined;

  constructor(
    private readonly kubeConfig: KubeConfig,
    private readonly throttle: ThrottleOptions = {},
    private readonly credentialsTtlMs = CREDENTIALS_TTL_MS,
  ) {}

  /** Whether this connection can reach the kubeconfig's current cluster: not through a proxy. */
  static serves(kubeConfig: KubeConfig): boolean {
    const cluster = kubeConfig.getCurrentCluster();
    return !!cluster && /^https?:/.test(cluster.server) && !cluster.proxyUrl;
  }

  /**
   * Sends one request and resolves with the answer's text (empty when discarded); a non-2xx
   * answer rejects with an {@link ApiRequestError}, a transport failure with Node's error.
   */
  async send(
    method: string,
    path: string,
    o: ApiRequest = {},
  ): Promise<string> {
    let answer = await this.attempt(method, path, o, false);
    if (answer.status === 401)
      answer = await this.attempt(method, path, o, true);
    if (answer.status >= 200 && answer.status < 300) return answer.text;
    throw new ApiRequestError(method, path, answer.status, answer.text);
  }

  /** Closes the kept-alive connections. */
  close(): void {
    this.agents.destroy();
    this.httpAgent.destroy();
  }

  private async attempt(
    method: string,
    path: string,
    o: ApiRequest,
    reread: boolean,
  ) {
    const options = await this.options(reread);
    const url = new URL(this.server() + path);
    await this.throttle.limiter?.acquire();
    this.throttle.counter?.record(requestVerb(method, url.href));
    try {
      return await exchange(url, { ...options, method }, o);
    } catch (error) {
      // A kept-alive connection the server closed just as the request went out. Both verbs
      // sent here are idempotent (an apply, a read), so it is sent once more on a new one.
      if ((error as { reusedSocket?: boolean }).reusedSocket)
        return exchange(url, { ...options, method }, o);
      throw error;
    }
  }

  private server(): string {
    const cluster = this.kubeConfig.getCurrentCluster();
    if (!cluster) throw new Error('the kubeconfig has no current cluster');
    return cluster.server;
  }

  /** The TLS options, agent and headers of the kubeconfig's current user, reused for a while. */
  private options(reread: boolean): Promise<RequestOptions> {
    const now = Date.now();
    if (
      !reread &&
      this.credentials &&
      now - this.credentials.readAt < this.credentialsTtlMs
    )
      return this.credentials.options;
    const options = this.read();
    this.credentials = { readAt: now, options };
    // A failed read is not kept: the next request reads again.
    options.catch(() => {
      if (this.credentials?.options === options) this.credentials = undefined;
    });
    return options;
  }

  private async read(): Promise<RequestOptions> {
    const options: RequestOptions = {};
    await this.kubeConfig.applyToHTTPSOptions(options);
    (options.agent as { destroy?: () => void } | undefined)?.destroy?.();
    if (this.server().startsWith('http:'))
      return { ...options, agent: this.httpAgent };
    const { ca, cert, key, pfx, passphrase, rejectUnauthorized, servername } =
      options;
    const agent = this.agents.for({
      ca,
      cert,
      key,
      pfx,
      passphrase,
      rejectUnauthorized,
      servername,
    });
    return { ...options, agent };
  }
}

/** One request and its whole answer; rejects with `reusedSocket` set when that is why. */
function exchange(
  url: URL,
  options: RequestOptions,
  o: ApiRequest,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'http:' ? httpRequest : httpsRequest;
    const req = send(url, {
      ...options,
      headers: { ...options.headers, ...o.headers },
    });
    req.on('error', error =>
      reject(Object.assign(error, { reusedSocket: req.reusedSocket })),
    );
    req.on('response', (response: IncomingMessage) => {
      const status = response.statusCode ?? 0;
      // An error's body is read whatever was asked: it carries the server's reason.
      const keep = !o.discardBody || status < 200 || status >= 300;
      let text = '';
      if (keep) {
        response.setEncoding('utf8');
        response.on('data', chunk => (text += chunk));
      } else response.resume();
      response.on('end', () => resolve({ status, text }));
      response.on('error', reject);
    });
    req.end(o.body);
  });
}
