import { createServer } from 'node:net';

/**
 * Asks the kernel for a free TCP port on 127.0.0.1. There is a short window in which another
 * process could take it; components that fail to bind make startup fail loudly, not hang.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}
