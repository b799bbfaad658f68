/**
 * The events-service topic on which the catalog module announces that the deploy-relevant part
 * of an entity changed (see `deployRelevantHash`). The control plane subscribes and runs its
 * catalog trigger at once instead of waiting for its poll. An event is a hint: the trigger's own
 * comparison against the releases it made decides what happens, so a lost, repeated or stale
 * event costs at most a no-op pass.
 */
export const INTENT_CHANGED_TOPIC = 'stagecraft.catalog.intent-changed';

/** The payload of an {@link INTENT_CHANGED_TOPIC} event. */
export interface IntentChangedEvent {
  /** The entity's ref, as `stringifyEntityRef` writes it. */
  entityRef: string;
  /**
   * `deployRelevantHash` of the entity as processed: the control plane waits (bounded) until the
   * catalog serves this version before it compares. Null when it lost its deploy intent.
   */
  hash: string | null;
  /** When the catalog processed it (epoch ms), for measuring the latency to the release. */
  processedAt: number;
}

/** The payload if it has the shape of an {@link IntentChangedEvent}; undefined otherwise. */
export function readIntentChangedEvent(
  payload: unknown,
): IntentChangedEvent | undefined {
  const p = payload as Partial<IntentChangedEvent> | undefined;
  if (
    typeof p?.entityRef !== 'string' ||
    (p.hash !== null && typeof p.hash !== 'string') ||
    typeof p.processedAt !== 'number'
  )
    return undefined;
  return { entityRef: p.entityRef, hash: p.hash, processedAt: p.processedAt };
}
