import {
  mockServices,
  ServiceFactoryTester,
} from '@backstage/backend-test-utils';
import { WinstonLogger } from '@backstage/backend-defaults/rootLogger';
import { rootLoggerServiceFactory } from './rootLoggerServiceFactory';

// The worker compiles every config.d.ts of the workspace with TypeScript.
jest.setTimeout(300_000);

describe('rootLoggerServiceFactory', () => {
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
    const redacted = addRedactions.mock.calls.flatMap(([values]) => [
      ...values,
    ]);
    expect(redacted).toEqual(['backend-signing-secret']);
    expect(logger).toBeInstanceOf(WinstonLogger);
    addRedactions.mockRestore();
  });
});
