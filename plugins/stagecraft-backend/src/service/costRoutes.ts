import type { CostActions, CostFilter } from '../cost/types';
import { RouteDeps, StagecraftApiRouter } from './RouteDeps';

/** What the cost routes need besides the shared deps. */
export interface CostRouteDeps extends RouteDeps {
  cost: CostActions;
}

/** The filter of both routes, as the validator has admitted it (patterns in the spec). */
function filterOf(query: Record<string, unknown>): CostFilter {
  const text = (key: string) =>
    typeof query[key] === 'string' ? (query[key] as string) : undefined;
  return {
    environment: text('environment'),
    project: text('project'),
    component: text('component'),
  };
}

/**
 * Cost per component × environment and the recommendations that save money. Read-only; the
 * service prices only deployments of components the caller may read and counts the others.
 */
export function addCostRoutes(
  router: StagecraftApiRouter,
  { contextOf, cost }: CostRouteDeps,
) {
  router.get('/costs', async (req, res) => {
    const ctx = await contextOf(req);
    res.json(await cost.getCosts(filterOf(req.query), ctx));
  });

  router.get('/cost-recommendations', async (req, res) => {
    const ctx = await contextOf(req);
    res.json(await cost.getRecommendations(filterOf(req.query), ctx));
  });
}
