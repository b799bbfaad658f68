import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { memoryReleaseServiceFactory } from './memoryReleaseService';

describe('memoryReleaseServiceFactory', () => {
  it('starts with the backend and stops with it, on by default', async () => {
    const backend = await startTestBackend({
      features: [memoryReleaseServiceFactory],
    });
    await expect(backend.stop()).resolves.toBeUndefined();
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
