export {
  compileEveryStage,
  compileSafely,
  isCompileProblem,
} from './compileEveryStage';
export type {
  CompileEveryStageInput,
  EnvironmentCompiler,
} from './compileEveryStage';
export { componentStages, componentsDeployedIn } from './stageMembership';
export {
  diagnosticProblem,
  documentProblems,
  sourcesOf,
  validateDocuments,
} from './validateDocuments';
export type { ValidateDocumentsInput } from './validateDocuments';
export { PLATFORM_KINDS } from './platformKinds';
export {
  CompileContextReader,
  MAX_PROJECT_COMPONENTS,
} from './CompileContextReader';
export type { ValidationCatalog } from './CompileContextReader';
export { COMPILE_FIELDS, compileView } from './compileView';
