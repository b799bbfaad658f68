/**
 * Node-side building blocks of Stagecraft for backend plugins and modules: data-plane target
 * configuration today; the compiler and extension points for component types, traits and
 * policies build on it.
 *
 * @packageDocumentation
 */

export type {
  DataPlaneTarget,
  GitOpsRemote,
  GitOpsTarget,
  KubernetesTarget,
} from './targets/DataPlaneTarget';
export { readDataPlaneTargets } from './targets/readDataPlaneTargets';
export {
  configureCelBudget,
  DEFAULT_CEL_BUDGET,
  readCelBudget,
} from './templates/celBudget';
export type { CelBudget } from './templates/celBudget';
export * from './compiler';
export * from './managedKinds';
export * from './intent';
export * from './validation';
export { isTrafficAllowed } from './policy/evaluateNetworkPolicies';
export * from './networkPolicy';
export { CompilerExtensions } from './extensions/CompilerExtensions';
export type { CompilerPolicy } from './extensions/CompilerExtensions';
export { stagecraftCompilerExtensionPoint } from './extensions/extensionPoint';
export type { StagecraftCompilerExtensionPoint } from './extensions/extensionPoint';
export * from './observability';
