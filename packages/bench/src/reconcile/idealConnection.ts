import { KubeConfig } from '@kubernetes/client-node';
import { Manifest } from '@stagecraft/plugin-stagecraft-node';
import { Agent, request, RequestOptions } from 'node:https';
import { serverSideApplyPath } from './applyPath';

/** One prepared request of the ideal clients: its URL and body, serialised in advance. */
export interface IdealRequest {
  url: URL;
  body: string;
  /** PATCH (a server-side apply) unless said. */
  method?: string;
  /** Headers in place of the apply's Accept and Content-Type. */
  headers?: Record<string, string>;
}

/**
 * The ideal clients' connection to the API server: one keep-alive HTTPS agent with as many
 * sockets as requests in flight (none waits in the agent's queue), the kubeconfig's TLS
 * material and token read once, and forced server-side apply PATCHes that are drained, not
 * parsed. Requests are prepared (URL and body serialised) before a clock starts, as
 * kubectl's YAML is written before its clock starts.
 */
export class IdealConnection {
  private constructor(
    private readonly server: string,
    private readonly agent: Agent,
    private readonly headers: RequestOptions['headers'],
  ) {}

  static async open(
    kubeConfig: KubeConfig,
    parallelism: number,
  ): Promise<IdealConnection> {
    const server = kubeConfig.getCurrentCluster()?.server;
    if (!server?.startsWith('https:'))
      throw new Error(`the ideal client needs an https cluster, not ${server}`);
    // applyToHTTPSOptions fills in ca/cert/key and the Authorization header (and builds a
    // one-off agent, replaced here).
    const tls: RequestOptions = {};
    await kubeConfig.applyToHTTPSOptions(tls);
    (tls.agent as Agent | undefined)?.destroy();
    const agent = new Agent({
      keepAlive: true,
      maxSockets: parallelism,
      ca: tls.ca,
      cert: tls.cert,
      key: tls.key,
      servername: tls.servername,
      rejectUnauthorized: tls.rejectUnauthorized,
    });
    return new IdealConnection(server, agent, {
      ...tls.headers,
      Accept: 'application/json',
      // JSON is YAML: the server parses an apply patch of either spelling the same way.
      'Content-Type': 'application/apply-patch+yaml',
    });
  }

  /** A forced apply of `object`, or its server-side dry run. */
  prepare(
    object: Manifest,
    o: { fieldManager: string; dryRun?: boolean },
  ): IdealRequest {
    const path = serverSideApplyPath(object, o.fieldManager);
    return {
      url: new URL(this.server + path + (o.dryRun ? '&dryRun=All' : '')),
      body: JSON.stringify(object),
    };
  }

  /** The API server's URL for `path` (and query). */
  url(path: string): URL {
    return new URL(this.server + path);
  }

  /** Sends one prepared request; resolves once its answer is read, rejects on a non-2xx. */
  send({ url, body, method = 'PATCH', headers }: IdealRequest): Promise<void> {
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method,
          agent: this.agent,
          headers: { ...this.headers, ...headers },
        },
        res => {
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) {
            res.resume().on('end', resolve).on('error', reject);
            return;
          }
          const chunks: Buffer[] = [];
          res
            .on('data', chunk => chunks.push(chunk))
            .on('end', () =>
              reject(
                new Error(
                  `${method} ${
                    url.pathname
                  } answered ${status}: ${Buffer.concat(chunks)}`,
                ),
              ),
            )
            .on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
