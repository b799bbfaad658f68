/**
 * Scaffolder actions for Stagecraft golden paths.
 *
 * @packageDocumentation
 */

export { scaffolderModuleStagecraft as default } from './module';
export { createValidateCatalogInfoAction } from './actions/createValidateCatalogInfoAction';
export { createRenderAction } from './actions/createRenderAction';
export { createDeployAction } from './actions/createDeployAction';
export { createPromoteAction } from './actions/createPromoteAction';
export { createPublishLocalAction } from './actions/createPublishLocalAction';
export { createPublishPlatformAction } from './actions/createPublishPlatformAction';
export { createCheckoutLocalAction } from './actions/createCheckoutLocalAction';
export { createAddDependencyAction } from './actions/createAddDependencyAction';
export {
  stagecraftPlatformRepositoryWritePermission,
  stagecraftRepositoryWritePermission,
} from './permissions';
