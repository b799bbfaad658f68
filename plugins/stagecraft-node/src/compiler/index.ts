export { compileEnvironment } from './compileEnvironment';
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
