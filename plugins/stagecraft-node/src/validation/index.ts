export { compileEveryStage, compileSafely } from './compileEveryStage';
export type { CompileEveryStageInput } from './compileEveryStage';
export {
  diagnosticProblem,
  documentProblems,
  sourcesOf,
  validateDocuments,
} from './validateDocuments';
export type { ValidateDocumentsInput } from './validateDocuments';
export { CompileContextReader } from './CompileContextReader';
export type { ValidationCatalog } from './CompileContextReader';
