import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createValidateCatalogInfoAction } from './actions/createValidateCatalogInfoAction';

/**
 * Adds Stagecraft's golden-path actions to the scaffolder.
 *
 * @public
 */
export const scaffolderModuleStagecraft = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'stagecraft',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        catalog: catalogServiceRef,
      },
      async init({ scaffolder, catalog }) {
        scaffolder.addActions(createValidateCatalogInfoAction({ catalog }));
      },
    });
  },
});
