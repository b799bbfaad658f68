export { APPLY_STAGES, MANAGED_KINDS, apiGroupOf } from './managedKinds';
export type { ApplyStage, ManagedKind } from './managedKinds';
export {
  APPLY_ORDER,
  COMPONENT_KINDS,
  WATCHED_KINDS,
  applyStages,
  compareApplyOrder,
  isAllowedForComponents,
  managedKind,
} from './kindOrder';
