import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { EventsService } from '@backstage/plugin-events-node';
import {
  deployRelevantHash,
  INTENT_CHANGED_TOPIC,
  readIntentChangedEvent,
} from '@stagecraft/plugin-stagecraft-node';
import { IntentEventQueue } from './IntentEventQueue';

/**
 * Subscribes the control plane to the catalog module's intent events: each one leads to a
 * catalog trigger pass as soon as the catalog serves the announced version. One subscriber id
 * for every replica, so the events backend's bus hands each event to one of them.
 */
export async function subscribeToIntentEvents(o: {
  events: EventsService;
  catalog: Pick<CatalogService, 'getEntitiesByRefs'>;
  auth: Pick<AuthService, 'getOwnServiceCredentials'>;
  runTrigger: () => Promise<{ released: number; deployed: number }>;
  logger: LoggerService;
}): Promise<IntentEventQueue> {
  const queue = new IntentEventQueue({
    currentHashes: async refs => {
      const { items } = await o.catalog.getEntitiesByRefs(
        { entityRefs: refs },
        { credentials: await o.auth.getOwnServiceCredentials() },
      );
      return new Map(
        refs.map((ref, i) => [ref, deployRelevantHash(items[i] ?? undefined)]),
      );
    },
    runTrigger: o.runTrigger,
    logger: o.logger,
  });
  await o.events.subscribe({
    id: 'stagecraft-catalog-trigger',
    topics: [INTENT_CHANGED_TOPIC],
    onEvent: async ({ eventPayload }) => {
      const event = readIntentChangedEvent(eventPayload);
      if (event) queue.onEvent(event);
      else o.logger.warn(`ignored a malformed ${INTENT_CHANGED_TOPIC} event`);
    },
  });
  return queue;
}
