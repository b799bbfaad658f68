import {
  mockServices,
  ServiceFactoryTester,
} from '@backstage/backend-test-utils';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { WinstonLogger } from '@backstage/backend-defaults/rootLogger';
import { Config, ConfigReader } from '@backstage/config';
import { rootLoggerServiceFactory } from './rootLoggerServiceFactory';

// The worker compiles every config.d.ts of the workspace with TypeScript.
jest.setTimeout(300_000);

type JsonObject = ConstructorParameters<typeof ConfigReader>[0] & object;

/** `target[prop]`, bound to it when it is a method (`then`, asked by `await`, is not one). */
function bound(target: object, prop: string | symbol) {
  const value = (target as any)[prop];
  return typeof value === 'function' ? value.bind(target) : value;
}

/** A root config that can change, as a watched config file does. */
function changingConfig(initial: JsonObject) {
  let current = new ConfigReader(initial);
  const listeners = new Set<() => void>();
  const config = new Proxy({} as Config, {
    get: (_, prop) =>
      prop === 'subscribe'
        ? (listener: () => void) => {
            listeners.add(listener);
            return { unsubscribe: () => listeners.delete(listener) };
          }
        : bound(current, prop),
  });
  return {
    config,
    change(data: JsonObject) {
      current = new ConfigReader(data);
      listeners.forEach(listener => listener());
    },
  };
}

const redacted = (spy: jest.SpyInstance) =>
  spy.mock.calls.flatMap(([values]) => [...values]);

describe('rootLoggerServiceFactory', () => {
  afterEach(() => jest.restoreAllMocks());

  it('redacts the secrets the worker found in the config before the logger is handed out', async () => {
    const addRedactions = jest.spyOn(WinstonLogger.prototype, 'addRedactions');
    const tester = ServiceFactoryTester.from(rootLoggerServiceFactory, {
      dependencies: [
        mockServices.rootConfig.factory({
          data: {
            backend: { auth: { keys: [{ secret: 'backend-signing-secret' }] } },
            app: { title: 'not a secret' },
          },
        }),
      ],
    });
    const logger = await tester.getSubject();
    expect(redacted(addRedactions)).toEqual(['backend-signing-secret']);
    expect(logger).toBeInstanceOf(WinstonLogger);
  });

  it("redacts a changed config's new secrets, from the schema the worker sent", async () => {
    const addRedactions = jest.spyOn(WinstonLogger.prototype, 'addRedactions');
    const source = changingConfig({
      backend: { auth: { keys: [{ secret: 'first-secret' }] } },
    });
    const tester = ServiceFactoryTester.from(rootLoggerServiceFactory, {
      dependencies: [
        createServiceFactory({
          service: coreServices.rootConfig,
          deps: {},
          factory: () => source.config,
        }),
      ],
    });
    await tester.getSubject();

    source.change({
      backend: { auth: { keys: [{ secret: 'rotated-secret' }] } },
      stagecraft: {
        // Declared secret only in plugins/stagecraft-node/config.d.ts.
        targets: {
          local: {
            type: 'kubernetes',
            url: 'https://127.0.0.1:6443',
            token: 'new-token',
          },
        },
      },
    });

    const deadline = Date.now() + 60_000;
    while (
      !redacted(addRedactions).includes('new-token') &&
      Date.now() < deadline
    )
      await new Promise(r => setTimeout(r, 50));
    expect(redacted(addRedactions)).toEqual(
      expect.arrayContaining(['first-secret', 'rotated-secret', 'new-token']),
    );
  });
});
