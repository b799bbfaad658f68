import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { stagecraftPermissions } from '@stagecraft/plugin-stagecraft-common';
import {
  CompilerExtensions,
  readDataPlaneTargets,
  stagecraftCompilerExtensionPoint,
} from '@stagecraft/plugin-stagecraft-node';
import { migrate } from './database/migrate';
import { createRouter } from './service/createRouter';

/**
 * The Stagecraft control plane backend plugin.
 *
 * @public
 */
export const stagecraftPlugin = createBackendPlugin({
  pluginId: 'stagecraft',
  register(env) {
    // Backend modules add component types, traits and policies here; the reconciler compiles
    // with them.
    const compilerExtensions = new CompilerExtensions();
    env.registerExtensionPoint(
      stagecraftCompilerExtensionPoint,
      compilerExtensions,
    );

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        database: coreServices.database,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init({
        config,
        logger,
        httpRouter,
        database,
        permissionsRegistry,
      }) {
        // Read targets at start-up so a misconfigured target stops the backend with a clear
        // message rather than failing the first deployment.
        const targets = readDataPlaneTargets(config);
        logger.info(
          `Stagecraft data-plane targets: ${
            targets.map(t => `${t.name} (${t.type})`).join(', ') ||
            'none configured'
          }`,
        );
        if (!database.migrations?.skip) {
          await migrate(await database.getClient());
        }
        permissionsRegistry.addPermissions(stagecraftPermissions);
        httpRouter.use(createRouter({ targets }));
      },
    });
  },
});
