export { CatalogIndex } from './CatalogIndex';
export type { ResolvedDependency, ResolvedPipeline } from './CatalogIndex';
export { hasDeployIntent } from './deployIntent';
export {
  endpointDependenciesOf,
  isStagecraftEndpoint,
  providerRefOf,
} from './endpoints';
export type { EndpointDependency } from './endpoints';
export {
  environmentRef,
  resolveEntityRef,
  tryResolveEntityRef,
} from './entityRefs';
export { projectNameOf, projectRefOf } from './projects';
export { isStagecraftEntity, withSpecDefaults } from './stagecraftEntities';
