/**
 * Stagecraft's shared model: kinds, labels, names, validation and permissions, usable in the
 * browser and in Node.
 *
 * @packageDocumentation
 */

export * from './constants';
export { joinDnsLabel, toDnsLabel } from './names';
export * from './permissions';
export * from './deploymentPermissions';
export * from './rollbackTargets';
export { sameActor } from './sameActor';
export * from './validation';
export * from './kinds';
export * from './api/deployments';
export * from './api/runtime';
export * from './api/observability';
export * from './api/diagnosis';
export * from './api/impact';
export * from './api/cost';
export * from './pipelines';
export * from './catalog';
export * from './traffic';
