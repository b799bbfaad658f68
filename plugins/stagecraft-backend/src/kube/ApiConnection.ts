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
/**
 * The API server answers within its own request timeout (one minute by default), with a 504
 * at worst; a request with no answer well past that is taken for a lost connection.
 */
const ANSWER_TIMEOUT_MS = 90_000;

/** How a request fails on a kept-alive connection the server had closed. */
const CLOSED_UNDER_US = new Set(['ECONNRESET', 'EPIPE']);

/** What a request sends beyond its method and path. */
export interface ApiRequest {
  body?: string;
  headers?: Record<string, string>;
  /** Drain the answer without keeping it (a dry run: only the status counts). */
  discardBody?: boolean;
  /**
   * Sending it twice does what sending it once does (a server-side apply, a read): it is sent
   * once more when a kept-alive connection turns out closed under it.
   */
  idempotent?: boolean;
}

/** The credentials a request goes out with, and what tells two reads of them apart. */
interface Credentials {
  options: RequestOptions;
  identity: string;
}

/**
 * Requests to the current cluster of a kubeconfig on `node:http(s)`, over one keep-alive agent,
 * each through the throttle's limiter and counter.
 *
 * @remarks
 * The applier's dry runs and applies are nearly every request a converge sends (18,000 for
 * 1,000 components × 2 environments). Through client-node each one went through node-fetch,
 * client-node's middleware chain, and `applyToHTTPSOptions`, which builds (and here threw
 * away) a new TLS agent per request. Here the kubeconfig's credentials are read once per
 * `credentialsTtlMs`, and again at once when the server answers 401: when that read gives
 * other credentials (a rotated token), the request is sent once more. Proxied clusters are
 * not served (see {@link ApiConnection.serves}); their callers stay on client-node.
 */
export class ApiConnection {
  private readonly agents = new SharedHttpsAgent();
  /** Plain HTTP (a `kubectl proxy` on loopback, say): no TLS material to follow. */
  private readonly httpAgent = new HttpAgent({ keepAlive: true });
  private credentials:
    | { readAt: number; read: Promise<Credentials> }
    | undefined;
  private readonly credentialsTtlMs: number;
  private readonly answerTimeoutMs: number;

  constructor(
    private readonly kubeConfig: KubeConfig,
    private readonly throttle: ThrottleOptions = {},
    o: { credentialsTtlMs?: number; answerTimeoutMs?: number } = {},
  ) {
    this.credentialsTtlMs = o.credentialsTtlMs ?? CREDENTIALS_TTL_MS;
    this.answerTimeoutMs = o.answerTimeoutMs ?? ANSWER_TIMEOUT_MS;
  }

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
    const credentials = await this.current(false);
    let answer = await this.attempt(method, path, o, credentials);
    if (answer.status === 401) {
      const reread = await this.current(true);
      // The same credentials would be refused again (a revoked token is not news).
      if (reread.identity !== credentials.identity)
        answer = await this.attempt(method, path, o, reread);
    }
    if (answer.status >= 200 && answer.status < 300) return answer.text;
    throw new ApiRequestError(method, path, answer.status, answer.text);
  }

  /** Closes the kept-alive connections. */
  close(): void {
    this.agents.destroy();
    this.httpAgent.destroy();
  }

  /** One request, and one more on a new connection if it was idempotent and that is why it failed. */
  private async attempt(
    method: string,
    path: string,
    o: ApiRequest,
    credentials: Credentials,
  ) {
    const once = async () => {
      const url = new URL(this.server() + path);
      await this.throttle.limiter?.acquire();
      this.throttle.counter?.record(requestVerb(method, url.href));
      return exchange(url, { ...credentials.options, method }, o, {
        timeoutMs: this.answerTimeoutMs,
      });
    };
    try {
      return await once();
    } catch (error) {
      // A kept-alive connection the server closed just as the request went out.
      const { reusedSocket, code } = error as {
        reusedSocket?: boolean;
        code?: string;
      };
      if (o.idempotent && reusedSocket && CLOSED_UNDER_US.has(code ?? ''))
        return once();
      throw error;
    }
  }

  private server(): string {
    const cluster = this.kubeConfig.getCurrentCluster();
    if (!cluster) throw new Error('the kubeconfig has no current cluster');
    return cluster.server;
  }

  /** The TLS options, agent and headers of the kubeconfig's current user, reused for a while. */
  private current(reread: boolean): Promise<Credentials> {
    const now = Date.now();
    if (
      !reread &&
      this.credentials &&
      now - this.credentials.readAt < this.credentialsTtlMs
    )
      return this.credentials.read;
    const read = this.read();
    this.credentials = { readAt: now, read };
    // A failed read is not kept: the next request reads again.
    read.catch(() => {
      if (this.credentials?.read === read) this.credentials = undefined;
    });
    return read;
  }

  private async read(): Promise<Credentials> {
    const options: RequestOptions = {};
    await this.kubeConfig.applyToHTTPSOptions(options);
    (options.agent as { destroy?: () => void } | undefined)?.destroy?.();
    const { ca, cert, key, pfx, passphrase, rejectUnauthorized, servername } =
      options;
    const identity = JSON.stringify([
      (options.headers as Record<string, unknown> | undefined)?.Authorization,
      options.auth,
      ...[ca, cert, key, pfx].map(String),
    ]);
    const agent = this.server().startsWith('http:')
      ? this.httpAgent
      : this.agents.for({
          ca,
          cert,
          key,
          pfx,
          passphrase,
          rejectUnauthorized,
          servername,
        });
    return { options: { ...options, agent }, identity };
  }
}

/** One request and its whole answer; rejects with `reusedSocket` set when that is why. */
function exchange(
  url: URL,
  options: RequestOptions,
  o: ApiRequest,
  { timeoutMs }: { timeoutMs: number },
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'http:' ? httpRequest : httpsRequest;
    const req = send(url, {
      ...options,
      headers: { ...options.headers, ...o.headers },
    });
    req.setTimeout(timeoutMs, () =>
      req.destroy(
        new Error(
          `${options.method} ${url.pathname}: no answer from the API server in ${timeoutMs} ms`,
        ),
      ),
    );
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
