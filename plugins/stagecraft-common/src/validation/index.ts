export type { EntityProblem } from './EntityProblem';
export { parseEntityDocuments } from './parseEntityDocuments';
export type { EntityDocument } from './parseEntityDocuments';
export { validateEntity, validateDeployIntent } from './validateEntity';
export { kubernetesNameProblem } from './kubernetesNames';
export { describeProblem, formatProblem } from './formatProblem';
