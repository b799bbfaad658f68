export {
  canonicalJson,
  DEPLOY_RELEVANT_KINDS,
  deployRelevantHash,
  deployRelevantPart,
} from './deployRelevant';
export { INTENT_CHANGED_TOPIC, readIntentChangedEvent } from './intentEvents';
export type { IntentChangedEvent } from './intentEvents';
