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
  isInStagecraftNamespace,
  resolveEntityRef,
  STAGECRAFT_NAMESPACE,
  tryResolveEntityRef,
} from './entityRefs';
export { projectMembershipProblems } from './projectMembership';
export type { ProjectMembershipProblem } from './projectMembership';
export { projectNameOf, projectRefOf } from './projects';
export { isStagecraftEntity, withSpecDefaults } from './stagecraftEntities';
