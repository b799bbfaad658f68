import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { DEPLOY_RELEVANT_KINDS } from './deployRelevant';

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

/** Longer than any ref the catalog writes (kind, namespace and a 63-character name). */
const MAX_REF_LENGTH = 256;

/**
 * A ref the catalog module could announce: as `stringifyEntityRef` writes it, of a
 * deploy-relevant kind, in the default namespace (the one Stagecraft compiles). Anything else on
 * the bus is forged or foreign, and is dropped before it costs the control plane a catalog read.
 */
function isAnnounceableRef(ref: string): boolean {
  if (ref.length > MAX_REF_LENGTH) return false;
  try {
    const parsed = parseEntityRef(ref);
    return (
      parsed.namespace === 'default' &&
      DEPLOY_RELEVANT_KINDS.some(k => k.toLowerCase() === parsed.kind) &&
      stringifyEntityRef(parsed) === ref
    );
  } catch {
    return false;
  }
}

/**
 * The payload if it has the shape of an {@link IntentChangedEvent} and names an announceable
 * ref (see isAnnounceableRef); undefined otherwise.
 */
export function readIntentChangedEvent(
  payload: unknown,
): IntentChangedEvent | undefined {
  const p = payload as Partial<IntentChangedEvent> | undefined;
  if (
    typeof p?.entityRef !== 'string' ||
    (p.hash !== null && typeof p.hash !== 'string') ||
    typeof p.processedAt !== 'number' ||
    !isAnnounceableRef(p.entityRef)
  )
    return undefined;
  return { entityRef: p.entityRef, hash: p.hash, processedAt: p.processedAt };
}
