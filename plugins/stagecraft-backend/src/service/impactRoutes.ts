import type { ImpactActions } from '../impact/types';
import { componentRefOf } from './componentRefOf';
import { RouteDeps, StagecraftApiRouter } from './RouteDeps';

/** What the impact routes need besides the shared deps. */
export interface ImpactRouteDeps extends RouteDeps {
  impact: ImpactActions;
}

/**
 * Impact analysis and the promotion preview. Read-only; the service checks
 * stagecraft.deployment.read on the component and counts the components it may not name.
 */
export function addImpactRoutes(
  router: StagecraftApiRouter,
  { contextOf, impact }: ImpactRouteDeps,
) {
  router.get('/components/:namespace/:name/impact', async (req, res) => {
    const ctx = await contextOf(req);
    const environment = req.query.environment;
    res.json(
      await impact.impact(
        { ref: componentRefOf(req.params), environment },
        ctx,
      ),
    );
  });
  router.get(
    '/components/:namespace/:name/promotion-preview',
    async (req, res) => {
      const ctx = await contextOf(req);
      res.json(
        await impact.previewPromotion(
          { componentRef: componentRefOf(req.params), from: req.query.from },
          ctx,
        ),
      );
    },
  );
}
