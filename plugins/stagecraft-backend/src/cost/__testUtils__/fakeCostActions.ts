import type { CostActions } from '../types';

/** Cost actions that answer "not configured" and record who asked. */
export function fakeCostActions(): CostActions {
  const thresholds = {
    overProvisionedRatio: 0.5,
    headroom: 1.3,
    idleCpuMillicores: 2,
    minimumMonthlySaving: { micros: 0, amount: '0.000000' },
  };
  return {
    getCosts: jest.fn(async () => ({
      state: 'not-configured' as const,
      reason: 'no rates',
      hoursPerMonth: 730,
      items: [],
      byProject: [],
      byEnvironment: [],
      hiddenDeployments: 0,
      gaps: [],
    })),
    getRecommendations: jest.fn(async () => ({
      state: 'not-configured' as const,
      reason: 'no rates',
      recommendations: [],
      hiddenDeployments: 0,
      thresholds,
    })),
  };
}
