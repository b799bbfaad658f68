import type { LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { EventsService } from '@backstage/plugin-events-node';
import {
  DEPLOY_RELEVANT_KINDS,
  deployRelevantHash,
  INTENT_CHANGED_TOPIC,
  IntentChangedEvent,
} from '@stagecraft/plugin-stagecraft-node';

/** Bounds the remembered hashes; a forgotten entity costs one catalog read when next seen. */
const MAX_REMEMBERED = 50_000;

/**
 * Publishes an {@link INTENT_CHANGED_TOPIC} event when the catalog processes a deploy-relevant
 * entity whose `deployRelevantHash` differs from the version the catalog serves (the first time
 * this replica sees it) or from the one this replica last processed. Processing repeats every
 * entity on the catalog's interval; unchanged intent publishes nothing.
 *
 * Several replicas each keep their own memory, so a change may be announced more than once; the
 * control plane's comparison makes repeats harmless. A failure to read or publish is logged and
 * never fails processing: the control plane's poll is the safety net.
 */
export class IntentChangePublisher {
  private readonly lastSeen = new Map<string, string | null>();

  constructor(
    private readonly deps: {
      events: Pick<EventsService, 'publish'>;
      /** The entity as the catalog serves it now (before this processing is stored). */
      servedEntity: (entityRef: string) => Promise<Entity | undefined>;
      logger?: LoggerService;
      now?: () => number;
    },
  ) {}

  /** Call for an entity whose processing will be stored (no errors). */
  async processed(entity: Entity): Promise<void> {
    if (!DEPLOY_RELEVANT_KINDS.includes(entity.kind)) return;
    const entityRef = stringifyEntityRef(entity);
    const hash = deployRelevantHash(entity);
    try {
      const before = this.lastSeen.has(entityRef)
        ? this.lastSeen.get(entityRef)
        : deployRelevantHash(await this.deps.servedEntity(entityRef));
      if (before !== hash) {
        const eventPayload: IntentChangedEvent = {
          entityRef,
          hash,
          processedAt: (this.deps.now ?? Date.now)(),
        };
        await this.deps.events.publish({
          topic: INTENT_CHANGED_TOPIC,
          eventPayload,
        });
      }
      this.remember(entityRef, hash);
    } catch (error) {
      this.deps.logger?.warn(
        `Stagecraft: could not announce the intent of ${entityRef}; the control plane's poll will see it: ${error}`,
      );
    }
  }

  private remember(entityRef: string, hash: string | null) {
    this.lastSeen.delete(entityRef);
    if (this.lastSeen.size >= MAX_REMEMBERED)
      this.lastSeen.delete(this.lastSeen.keys().next().value!);
    this.lastSeen.set(entityRef, hash);
  }
}
