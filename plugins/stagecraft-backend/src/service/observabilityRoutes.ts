import type { ObservabilityActions } from '../observability/types';
import type { RangeName } from '../observability/timeRanges';
import { deploymentTargetOf } from './componentRefOf';
import { RouteDeps, StagecraftApiRouter } from './RouteDeps';

/** What the observability routes need besides the shared deps. */
export interface ObservabilityRouteDeps extends RouteDeps {
  observability: ObservabilityActions;
}

/**
 * Usage now, metrics and traces of a deployment, and usage at a glance of an environment. The
 * validator has checked the query against the spec (enums, bounds); Express leaves it strings.
 */
export function addObservabilityRoutes(
  router: StagecraftApiRouter,
  { contextOf, observability }: ObservabilityRouteDeps,
) {
  router.get(
    '/components/:namespace/:name/deployments/:environment/usage',
    async (req, res) => {
      const ctx = await contextOf(req);
      res.json(
        await observability.getUsage(deploymentTargetOf(req.params), ctx),
      );
    },
  );

  router.get(
    '/components/:namespace/:name/deployments/:environment/metrics',
    async (req, res) => {
      const ctx = await contextOf(req);
      res.json(
        await observability.getMetrics(
          deploymentTargetOf(req.params),
          (req.query.range ?? '1h') as RangeName,
          ctx,
        ),
      );
    },
  );

  router.get(
    '/components/:namespace/:name/deployments/:environment/traces',
    async (req, res) => {
      const ctx = await contextOf(req);
      const query = req.query as {
        limit?: number | string;
        errors?: boolean | string;
        lookback?: string;
      };
      res.json(
        await observability.getTraces(
          deploymentTargetOf(req.params),
          {
            limit: query.limit === undefined ? 20 : Number(query.limit),
            errorsOnly: String(query.errors) === 'true',
            lookback: (query.lookback ?? '1h') as RangeName,
          },
          ctx,
        ),
      );
    },
  );

  router.get('/environments/:environment/usage', async (req, res) => {
    const ctx = await contextOf(req);
    res.json(
      await observability.getEnvironmentUsage(req.params.environment, ctx),
    );
  });
}
