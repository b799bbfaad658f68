import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { signInAsGuest } from './guestToken';

/** A backend on 127.0.0.1 whose guest sign-in answers with `status` and `body`. */
async function startAuthBackend(status: number, body: unknown) {
  const paths: string[] = [];
  const server: Server = createServer((req, res) => {
    paths.push(`${req.method} ${req.url}`);
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    paths,
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

describe('signInAsGuest', () => {
  let backend: Awaited<ReturnType<typeof startAuthBackend>> | undefined;
  afterEach(async () => {
    await backend?.close();
    backend = undefined;
  });

  it("returns the token of a local backend's guest sign-in", async () => {
    backend = await startAuthBackend(200, {
      backstageIdentity: { token: 'guest-token' },
    });
    await expect(signInAsGuest(`${backend.url}/`)).resolves.toBe('guest-token');
    expect(backend.paths).toEqual(['GET /api/auth/guest/refresh']);
  });

  it('returns undefined when the backend offers no guest sign-in', async () => {
    backend = await startAuthBackend(404, {
      error: { name: 'NotFoundError', message: 'Unknown auth provider' },
    });
    await expect(signInAsGuest(backend.url)).resolves.toBeUndefined();
  });

  it('returns undefined for an answer without a token', async () => {
    backend = await startAuthBackend(200, { backstageIdentity: {} });
    await expect(signInAsGuest(backend.url)).resolves.toBeUndefined();
  });

  it('never asks a backend on another machine', async () => {
    const fetchImpl = jest.fn();
    await expect(
      signInAsGuest('https://backstage.example.com', fetchImpl),
    ).resolves.toBeUndefined();
    expect(fetchImpl).not.toHaveBeenCalled();
  });

  it('returns undefined when nothing listens', async () => {
    backend = await startAuthBackend(200, {});
    const url = backend.url;
    await backend.close();
    backend = undefined;
    await expect(signInAsGuest(url)).resolves.toBeUndefined();
  });
});
