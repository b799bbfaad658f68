/**
 * Scaffolder actions for Stagecraft golden paths.
 *
 * @packageDocumentation
 */

export { scaffolderModuleStagecraft as default } from './module';
export { createValidateCatalogInfoAction } from './actions/createValidateCatalogInfoAction';
