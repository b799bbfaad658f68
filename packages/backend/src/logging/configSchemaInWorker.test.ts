import { createConfigSecretEnumerator } from '@backstage/backend-defaults/rootConfig';
import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { loadConfigSchemaInWorker } from './configSchemaInWorker';

// Compiling every config.d.ts of the workspace with TypeScript takes a while on a busy machine.
jest.setTimeout(300_000);

describe('loadConfigSchemaInWorker', () => {
  it('gives the root logger every secret the main-thread schema would: from JSON schemas and from config.d.ts files', async () => {
    const warnings: string[] = [];
    const schema = await loadConfigSchemaInWorker({
      onSchemaError: message => warnings.push(message),
    });
    const secrets = await createConfigSecretEnumerator({
      logger: mockServices.logger.mock(),
      schema,
    });
    const config = new ConfigReader({
      backend: {
        // @backstage/backend-defaults declares this secret in config.schema.json.
        auth: { keys: [{ secret: 'backend-signing-secret' }] },
      },
      stagecraft: {
        // plugins/stagecraft-node/config.d.ts: only the TypeScript compile in the worker knows.
        targets: {
          local: {
            type: 'kubernetes',
            url: 'https://127.0.0.1:6443',
            token: 'api-server-token',
          },
        },
      },
      app: { title: 'not a secret' },
    });
    const found = [...secrets(config)];
    expect(found).toEqual(
      expect.arrayContaining(['backend-signing-secret', 'api-server-token']),
    );
    expect(found).not.toContain('not a secret');
  });
});
