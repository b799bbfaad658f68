import {
  findConfigSecretsInWorker,
  WorkerLogLine,
} from './configSecretsInWorker';

// Compiling every config.d.ts of the workspace with TypeScript takes a while on a busy machine.
jest.setTimeout(300_000);

describe('findConfigSecretsInWorker', () => {
  it('finds every secret the main-thread enumerator would: from JSON schemas and from config.d.ts files', async () => {
    const logs: WorkerLogLine[] = [];
    const { secrets, schema } = await findConfigSecretsInWorker({
      data: {
        backend: {
          // @backstage/backend-defaults declares this secret in config.schema.json.
          auth: { keys: [{ secret: 'backend-signing-secret' }] },
        },
        stagecraft: {
          // plugins/stagecraft-node/config.d.ts: only the TypeScript compile knows.
          targets: {
            local: {
              type: 'kubernetes',
              url: 'https://127.0.0.1:6443',
              token: 'api-server-token',
            },
          },
        },
        app: { title: 'not a secret' },
      },
      log: line => logs.push(line),
    });
    expect(schema).toEqual(
      expect.objectContaining({ schemas: expect.any(Array) }),
    );
    expect([...secrets].sort()).toEqual([
      'api-server-token',
      'backend-signing-secret',
    ]);
    // Backstage's enumerator says how many it found; the line reaches the caller's logger.
    expect(logs).toContainEqual({
      level: 'info',
      message: 'Found 2 new secrets in config that will be redacted',
    });
  });

  it('fails with the reason when the schema cannot be loaded', async () => {
    await expect(
      findConfigSecretsInWorker({
        data: {},
        dir: '/nonexistent-stagecraft-dir',
        log: () => {},
      }),
    ).rejects.toThrow(/finding the config's secrets failed: .+/);
  });
});
