/**
 * Stagecraft's Backstage frontend plugin (new frontend system).
 *
 * @packageDocumentation
 */

export { stagecraftPlugin as default, rootRouteRef } from './plugin';
export { stagecraftApiRef } from './api/StagecraftApi';
export type { StagecraftApi, TargetSummary } from './api/StagecraftApi';
export { StagecraftClient } from './api/StagecraftClient';
export type {
  LogStream,
  LogStreamOptions,
  TraceQuery,
} from './api/StagecraftApi';
export {
  legacyRootRouteRef,
  stagecraftLegacyPlugin,
  StagecraftPlatformPage,
  EntityStagecraftDeployContent,
  EntityStagecraftRuntimeContent,
  EntityStagecraftLogsContent,
  EntityStagecraftMetricsContent,
  EntityStagecraftTracesContent,
  EntityStagecraftDependenciesContent,
  EntityStagecraftDeploymentsCard,
  EntityStagecraftCostCard,
  EntityStagecraftCellContent,
  EntityStagecraftEnvironmentContent,
} from './legacy';
export {
  StagecraftComponentTypePickerFieldExtension,
  StagecraftDependencyPickerFieldExtension,
  StagecraftEnvironmentPickerFieldExtension,
} from './scaffolder/legacyFieldExtensions';
export type { ComponentTypeValue } from './scaffolder/componentType/StagecraftComponentTypePicker';
