/**
 * Catalog module for Stagecraft: validates its kinds and the deploy intent on Components.
 *
 * @packageDocumentation
 */

export { catalogModuleStagecraft as default } from './module';
export { StagecraftEntitiesProcessor } from './processor/StagecraftEntitiesProcessor';
