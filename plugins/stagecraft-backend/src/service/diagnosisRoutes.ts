import type { DiagnosisActions } from '../diagnosis/types';
import { deploymentTargetOf } from './componentRefOf';
import { RouteDeps, StagecraftApiRouter } from './RouteDeps';

/** What the diagnosis route needs besides the shared deps. */
export interface DiagnosisRouteDeps extends RouteDeps {
  diagnosis: DiagnosisActions;
}

/**
 * The rule-based diagnosis of a deployment: findings with evidence and a next step. Read-only;
 * the service checks stagecraft.deployment.read as every runtime route does.
 */
export function addDiagnosisRoutes(
  router: StagecraftApiRouter,
  { contextOf, diagnosis }: DiagnosisRouteDeps,
) {
  router.get(
    '/components/:namespace/:name/deployments/:environment/diagnosis',
    async (req, res) => {
      const ctx = await contextOf(req);
      res.json(await diagnosis.diagnose(deploymentTargetOf(req.params), ctx));
    },
  );
}
