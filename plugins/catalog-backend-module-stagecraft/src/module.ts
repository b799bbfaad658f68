import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { StagecraftEntitiesProcessor } from './processor/StagecraftEntitiesProcessor';

/**
 * Adds Stagecraft's kinds to the catalog.
 *
 * @public
 */
export const catalogModuleStagecraft = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'stagecraft',
  register(reg) {
    reg.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addProcessor(new StagecraftEntitiesProcessor());
      },
    });
  },
});
