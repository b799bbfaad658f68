export { compileEnvironment } from './compileEnvironment';
export { dependsOnTheMachine, TEMPLATE_TIMED_OUT } from './templateTimedOut';
export { serializeManifests } from './serializeManifests';
export { orderManifests } from './orderManifests';
export { BUILT_IN_COMPONENT_TYPES } from './componentTypes';
export { checkInvariants, ALLOWED_KINDS } from './checkInvariants';
export type {
  CompileEnvironmentInput,
  CompileResult,
  Diagnostic,
  DiagnosticSeverity,
  Manifest,
  ReleaseInput,
} from './types';
