import { PromoteResult } from '../actions/types';
import { componentRefOf } from './componentRefOf';
import { RouteDeps, StagecraftApiRouter } from './RouteDeps';

/**
 * A promotion either deploys (202, like a deploy) or creates an approval request (201): the
 * status tells a client which of the two bodies it got without reading it.
 */
const PROMOTE_STATUS: Record<PromoteResult['outcome'], 201 | 202> = {
  deployed: 202,
  'approval-requested': 201,
};

/**
 * The approval and comment of an approve or deny request. The validator has checked that the
 * id is an integer, but Express leaves path parameters strings whatever the typed router says.
 */
function decisionOf(req: {
  params: { approvalId: number | string };
  body?: { comment?: string };
}) {
  return {
    approvalId: Number(req.params.approvalId),
    comment: req.body?.comment,
  };
}

/** Promotions along a component's pipeline and the approvals they may wait for. */
export function addPromotionRoutes(
  router: StagecraftApiRouter,
  { actions, contextOf }: RouteDeps,
) {
  router.post('/components/:namespace/:name/promote', async (req, res) => {
    const ctx = await contextOf(req);
    const result = await actions.promote(
      { componentRef: componentRefOf(req.params), from: req.body.from },
      ctx,
    );
    res.status(PROMOTE_STATUS[result.outcome]).json(result);
  });

  router.get('/components/:namespace/:name/approvals', async (req, res) => {
    const ctx = await contextOf(req);
    const items = await actions.listApprovals(componentRefOf(req.params), ctx);
    res.json({ items });
  });

  router.post('/approvals/:approvalId/approve', async (req, res) => {
    const ctx = await contextOf(req);
    res.json(await actions.approve(decisionOf(req), ctx));
  });

  router.post('/approvals/:approvalId/deny', async (req, res) => {
    const ctx = await contextOf(req);
    res.json(await actions.deny(decisionOf(req), ctx));
  });
}
