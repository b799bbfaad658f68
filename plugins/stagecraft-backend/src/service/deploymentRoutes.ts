import { componentRefOf, deploymentTargetOf } from './componentRefOf';
import { RouteDeps, StagecraftApiRouter } from './RouteDeps';
import { withIsoDates } from './withIsoDates';

/**
 * Reads of a component's deployments, releases, history and drift, and the writes that change
 * what an environment runs. Writes answer 202: the desired state is recorded and a reconcile
 * queued, the data plane has not caught up yet.
 */
export function addDeploymentRoutes(
  router: StagecraftApiRouter,
  { actions, contextOf }: RouteDeps,
) {
  router.get('/components/:namespace/:name/deployments', async (req, res) => {
    const ctx = await contextOf(req);
    const items = await actions.listDeployments(
      componentRefOf(req.params),
      ctx,
    );
    res.json({ items });
  });

  router.get(
    '/components/:namespace/:name/deployments/:environment',
    async (req, res) => {
      const ctx = await contextOf(req);
      res.json(
        await actions.getDeployment(deploymentTargetOf(req.params), ctx),
      );
    },
  );

  router.get(
    '/components/:namespace/:name/deployments/:environment/drift',
    async (req, res) => {
      const ctx = await contextOf(req);
      const drift = await actions.listDrift(
        deploymentTargetOf(req.params),
        ctx,
      );
      res.json({ items: drift.map(withIsoDates) });
    },
  );

  router.get('/components/:namespace/:name/releases', async (req, res) => {
    const ctx = await contextOf(req);
    const releases = await actions.listReleases(
      componentRefOf(req.params),
      ctx,
    );
    res.json({ items: releases.map(withIsoDates) });
  });

  router.get('/components/:namespace/:name/history', async (req, res) => {
    const ctx = await contextOf(req);
    const history = await actions.listHistory(
      componentRefOf(req.params),
      req.query.environment,
      ctx,
    );
    res.json({ items: history.map(withIsoDates) });
  });

  router.post(
    '/components/:namespace/:name/deployments/:environment/deploy',
    async (req, res) => {
      const ctx = await contextOf(req);
      const target = deploymentTargetOf(req.params);
      const status = await actions.deploy(
        {
          ...target,
          releaseId: req.body?.releaseId,
          breakGlass: req.body?.breakGlass,
        },
        ctx,
      );
      res.status(202).json(status);
    },
  );

  router.post(
    '/components/:namespace/:name/deployments/:environment/rollback',
    async (req, res) => {
      const ctx = await contextOf(req);
      const target = deploymentTargetOf(req.params);
      const status = await actions.rollback(
        { ...target, releaseId: req.body.releaseId },
        ctx,
      );
      res.status(202).json(status);
    },
  );

  router.post(
    '/components/:namespace/:name/deployments/:environment/redeploy',
    async (req, res) => {
      const ctx = await contextOf(req);
      const status = await actions.redeploy(
        deploymentTargetOf(req.params),
        ctx,
      );
      res.status(202).json(status);
    },
  );

  router.post(
    '/components/:namespace/:name/deployments/:environment/undeploy',
    async (req, res) => {
      const ctx = await contextOf(req);
      const status = await actions.undeploy(
        deploymentTargetOf(req.params),
        ctx,
      );
      res.status(202).json(status);
    },
  );
}
