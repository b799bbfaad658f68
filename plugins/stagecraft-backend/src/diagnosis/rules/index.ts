import type { DiagnosisRule } from '../types';
import { crashLoopRule } from './crashLoop';
import { dependenciesRule } from './dependencies';
import { driftRule } from './drift';
import { imagePullRule } from './imagePull';
import { nearMemoryLimitRule } from './nearMemoryLimit';
import { neverReadyRule } from './neverReady';
import { oomKilledRule } from './oomKilled';
import { progressDeadlineRule } from './progressDeadline';
import { undeclaredDependencyRule } from './undeclaredDependency';

/**
 * Every rule, causes before consequences: among findings of equal severity the earlier rule's
 * comes first (an image that cannot be pulled explains the rollout that missed its deadline).
 * Adding a rule: a file here and one line in this list (docs/agents.md, "Diagnosis").
 */
export const DIAGNOSIS_RULES: readonly DiagnosisRule[] = [
  imagePullRule,
  oomKilledRule,
  crashLoopRule,
  neverReadyRule,
  progressDeadlineRule,
  driftRule,
  nearMemoryLimitRule,
  dependenciesRule,
  undeclaredDependencyRule,
];
