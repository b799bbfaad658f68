import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { actionsServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createAddDependencyAction } from './actions/createAddDependencyAction';
import { createCheckoutLocalAction } from './actions/createCheckoutLocalAction';
import { createDeployAction } from './actions/createDeployAction';
import { createPromoteAction } from './actions/createPromoteAction';
import { createPublishLocalAction } from './actions/createPublishLocalAction';
import { createPublishPlatformAction } from './actions/createPublishPlatformAction';
import { createRenderAction } from './actions/createRenderAction';
import { createValidateCatalogInfoAction } from './actions/createValidateCatalogInfoAction';
import { ActionsStagecraftClient } from './client/ActionsStagecraftClient';
import { scaffolderStagecraftPermissions } from './permissions';
import {
  configuredFileLocations,
  LocalCatalogRegistration,
} from './repositories/LocalCatalogRegistration';
import { LocalRepositories } from './repositories/LocalRepositories';

/**
 * Adds Stagecraft's golden-path actions to the scaffolder. Deploy and promote call the
 * Stagecraft backend plugin's actions (the actions registry, on behalf of the user running the
 * template); validation and render compile in process with `@stagecraft/plugin-stagecraft-node`.
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
        config: coreServices.rootConfig,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        actions: actionsServiceRef,
      },
      async init(deps) {
        const { scaffolder, catalog, permissions } = deps;
        deps.permissionsRegistry.addPermissions(
          scaffolderStagecraftPermissions,
        );
        const client = new ActionsStagecraftClient(deps.actions);
        const repositories = LocalRepositories.fromConfig(deps.config);
        const registration = new LocalCatalogRegistration({
          catalog,
          auth: deps.auth,
          locations: configuredFileLocations(deps.config),
        });
        scaffolder.addActions(
          createValidateCatalogInfoAction({ catalog, permissions }),
          createRenderAction({ catalog }),
          createDeployAction({ client }),
          createPromoteAction({ client }),
          createPublishLocalAction({
            repositories,
            registration,
            catalog,
            permissions,
          }),
          createPublishPlatformAction({
            repositories,
            registration,
            permissions,
          }),
          createCheckoutLocalAction({ repositories, catalog, permissions }),
          createAddDependencyAction(),
        );
      },
    });
  },
});
