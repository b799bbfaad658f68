import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { memoryReleaseServiceFactory } from './memoryReleaseService';

describe('memoryReleaseServiceFactory', () => {
  it('starts with the backend and stops with it, on by default', async () => {
    const backend = await startTestBackend({
      features: [memoryReleaseServiceFactory],
    });
    await expect(backend.stop()).resolves.toBeUndefined();
  });

  it('checks every second by default: every 2 s let a quiet backend run 40 MiB past its allowance', async () => {
    const logger = mockServices.rootLogger.mock();
    // The test backend's HTTP router asks for a child logger.
    logger.child.mockImplementation(() => logger);
    const backend = await startTestBackend({
      features: [memoryReleaseServiceFactory, logger.factory],
    });
    await backend.stop();
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringMatching(
        /^memory release: RSS checked every 1 s .* a release past 48 MiB of growth, at most 5 % of the time/,
      ),
    );
  });

  it('rejects settings that are not numbers instead of running with nonsense', async () => {
    await expect(
      startTestBackend({
        features: [
          memoryReleaseServiceFactory,
          mockServices.rootConfig.factory({
            data: { backend: { memoryRelease: { intervalSeconds: 'often' } } },
          }),
        ],
      }),
    ).rejects.toThrow(/intervalSeconds/);
  });

  it('refuses an interval under a second, which would collect garbage without pause', async () => {
    await expect(
      startTestBackend({
        features: [
          memoryReleaseServiceFactory,
          mockServices.rootConfig.factory({
            data: { backend: { memoryRelease: { intervalSeconds: 0 } } },
          }),
        ],
      }),
    ).rejects.toThrow(/intervalSeconds must be at least 1/);
  });
});
