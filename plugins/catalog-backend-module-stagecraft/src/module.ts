import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { CompileContextReader } from '@stagecraft/plugin-stagecraft-node';
import { IntentChangePublisher } from './processor/IntentChangePublisher';
import { StagecraftEntitiesProcessor } from './processor/StagecraftEntitiesProcessor';
import { FileLocationRefresher } from './watch/FileLocationRefresher';
import { readWatchRoots } from './watch/readWatchRoots';

/**
 * How long the processor reuses the platform entities (environments, pipelines, types,
 * traits, endpoints) it read: every component needs the same ones, and a platform change
 * reaches components at their next processing anyway.
 */
const PLATFORM_CACHE_MILLIS = 30_000;

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
      deps: {
        catalog: catalogProcessingExtensionPoint,
        catalogService: catalogServiceRef,
        auth: coreServices.auth,
        logger: coreServices.logger,
        events: eventsServiceRef,
        config: coreServices.rootConfig,
        lifecycle: coreServices.lifecycle,
      },
      async init(deps) {
        const { catalog, catalogService, auth, logger, events } = deps;
        const credentials = () => auth.getOwnServiceCredentials();
        const compileContext = new CompileContextReader(
          {
            getEntities: async request =>
              catalogService.getEntities(request, {
                credentials: await credentials(),
              }),
            getEntitiesByRefs: async request =>
              catalogService.getEntitiesByRefs(request, {
                credentials: await credentials(),
              }),
          },
          { cacheMillis: PLATFORM_CACHE_MILLIS },
        );
        // Tells the control plane of deploy-relevant changes as they are processed, so it does
        // not wait for its poll (docs/events.md).
        const intentChanges = new IntentChangePublisher({
          events,
          servedEntity: async entityRef =>
            catalogService.getEntityByRef(entityRef, {
              credentials: await credentials(),
            }),
          logger,
        });
        catalog.addProcessor(
          new StagecraftEntitiesProcessor({
            compileContext,
            logger,
            intentChanges,
          }),
        );

        // Edits to files of the configured file locations reach the catalog within a second
        // or two, not at the processing interval (docs/events.md).
        const roots = readWatchRoots(deps.config);
        if (roots.length > 0) {
          const refresher = new FileLocationRefresher({
            roots,
            catalog: catalogService,
            credentials,
            logger,
          });
          deps.lifecycle.addStartupHook(async () => {
            await refresher.start();
            logger.info(
              `Stagecraft: refreshing catalog entities when files change under ${roots.join(
                ', ',
              )}`,
            );
          });
          deps.lifecycle.addShutdownHook(() => refresher.stop());
        }
      },
    });
  },
});
