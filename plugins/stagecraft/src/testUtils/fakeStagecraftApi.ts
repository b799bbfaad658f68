import { StagecraftApi } from '../api/StagecraftApi';

const methods: (keyof StagecraftApi)[] = [
  'listTargets',
  'listDeployments',
  'getDeployment',
  'listEnvironmentDeployments',
  'listReleases',
  'listHistory',
  'listDrift',
  'listApprovals',
  'deploy',
  'promote',
  'rollback',
  'redeploy',
  'undeploy',
  'approve',
  'deny',
  'getRuntime',
  'getDiagnosis',
  'getImpact',
  'previewPromotion',
  'getManifests',
  'listLinks',
  'getUsage',
  'getMetrics',
  'listTraces',
  'getEnvironmentUsage',
  'getCosts',
  'getCostRecommendations',
  'streamLogs',
];

/**
 * A StagecraftApi for view tests: the given methods, and every other one a jest mock that
 * fails loudly, so a view calling something its test did not expect cannot pass by accident.
 */
export function fakeStagecraftApi(
  overrides: Partial<StagecraftApi> = {},
): jest.Mocked<StagecraftApi> {
  const api: Record<string, jest.Mock> = {};
  for (const method of methods) {
    const impl = overrides[method] as ((...args: any[]) => any) | undefined;
    api[method] = jest.fn(
      impl ??
        (() => {
          throw new Error(
            `StagecraftApi.${method} was not expected in this test`,
          );
        }),
    );
  }
  return api as unknown as jest.Mocked<StagecraftApi>;
}
