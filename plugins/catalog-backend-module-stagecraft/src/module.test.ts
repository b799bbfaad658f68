import { startTestBackend } from '@backstage/backend-test-utils';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { catalogModuleStagecraft } from './module';
import { StagecraftEntitiesProcessor } from './processor/StagecraftEntitiesProcessor';

describe('catalogModuleStagecraft', () => {
  it('registers the Stagecraft processor with the catalog', async () => {
    const addProcessor = jest.fn();
    await startTestBackend({
      extensionPoints: [
        [
          catalogProcessingExtensionPoint,
          { addProcessor, addEntityProvider: jest.fn() },
        ],
      ],
      features: [catalogModuleStagecraft],
    });
    expect(addProcessor).toHaveBeenCalledWith(
      expect.any(StagecraftEntitiesProcessor),
    );
  });
});
