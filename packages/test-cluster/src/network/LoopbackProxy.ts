import { AddressInfo, connect, createServer, Server, Socket } from 'node:net';
import type { LocalCluster } from '../control-plane/startLocalCluster';

/**
 * A TCP relay on 127.0.0.1 in front of a real API server, for integration tests of outages:
 * `cut()` makes the address refuse connections and resets the open ones, as a dead API server
 * would; `open()` again serves the same port, in front of the same server and data. TLS passes
 * through untouched (the test cluster's serving certificate is for 127.0.0.1, any port).
 *
 * @remarks
 * Unlike {@link LocalCluster.stopApiServer}, it cuts off only the clients that connect through
 * it: the test can still change objects directly meanwhile, and so check what a client learns
 * of changes made while it could not see them.
 */
export class LoopbackProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private listenPort = 0;

  constructor(private readonly targetPort: number) {}

  /** The port clients connect to; stable across `cut()` and `open()`. */
  get port(): number {
    return this.listenPort;
  }

  async open(): Promise<void> {
    const server = createServer(client => this.relay(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.listenPort, '127.0.0.1', () => resolve());
    });
    this.listenPort = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Stops listening and resets every relayed connection. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    const closed = new Promise<void>(resolve => server.close(() => resolve()));
    for (const socket of this.sockets) socket.resetAndDestroy();
    await closed;
  }

  private relay(client: Socket): void {
    const upstream = connect(this.targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      // Either side failing ends both, as a broken connection would.
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  }
}
