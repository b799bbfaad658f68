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
      },
      async init({ catalog, catalogService, auth, logger, events }) {
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
      },
    });
  },
});
