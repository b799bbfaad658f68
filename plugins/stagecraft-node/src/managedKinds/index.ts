export { APPLY_STAGES, MANAGED_KINDS, apiGroupOf } from './managedKinds';
export type { ApplyStage, ManagedKind } from './managedKinds';
export {
  COMPONENT_KINDS,
  WATCHED_KINDS,
  applyStages,
  compareApplyOrder,
  isAllowedForComponents,
  managedKind,
} from './kindOrder';
