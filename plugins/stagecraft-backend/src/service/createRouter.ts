import { HttpAuthService, LoggerService } from '@backstage/backend-plugin-api';
import { DataPlaneTarget } from '@stagecraft/plugin-stagecraft-node';
import express from 'express';
import { DeploymentActions, RuntimeActions } from '../actions/types';
import { ServerSentEventsOptions } from '../runtime/ServerSentEvents';
import { createOpenApiRouter, spec } from '../schema/openapi.generated';
import { addDeploymentRoutes } from './deploymentRoutes';
import { hideInternalErrors } from './internalErrors';
import { numericParameterErrors } from './parameterErrors';
import { addObservabilityRoutes } from './observabilityRoutes';
import type { ObservabilityActions } from '../observability/types';
import type { DiagnosisActions } from '../diagnosis/types';
import { addDiagnosisRoutes } from './diagnosisRoutes';
import type { CostActions } from '../cost/types';
import { addCostRoutes } from './costRoutes';
import type { ImpactActions } from '../impact/types';
import { addImpactRoutes } from './impactRoutes';
import { addPromotionRoutes } from './promotionRoutes';
import { RouteDeps } from './RouteDeps';
import { addRuntimeRoutes } from './runtimeRoutes';

/**
 * What the HTTP API says about a target: its name and type, never its credentials.
 */
export interface TargetSummary {
  name: string;
  type: DataPlaneTarget['type'];
}

/** What the REST API is built from. */
export interface RouterOptions {
  /** The service functions every route calls; they check permissions and audit. */
  actions: DeploymentActions;
  /** Pods, events, logs, manifests and links of deployments; reads only. */
  runtime: RuntimeActions;
  /** Usage, metrics and traces; their routes are served when given. */
  observability?: ObservabilityActions;
  /** The rule-based diagnosis of a deployment; its route is served when given. */
  diagnosis?: DiagnosisActions;
  /** Cost per component × environment and its recommendations; served when given. */
  cost?: CostActions;
  /** Impact analysis and the promotion preview; their routes are served when given. */
  impact?: ImpactActions;
  httpAuth: HttpAuthService;
  targets: DataPlaneTarget[];
  /** The log stream's heartbeat; defaults to every 15 s. */
  serverSentEvents?: ServerSentEventsOptions;
  /** Where internal errors are logged, with the id their 500 response names. */
  logger: LoggerService;
  /**
   * Whether error responses may carry stack traces (absolute paths of the installation).
   * Backstage's rule by default: only when `NODE_ENV` is `development`.
   */
  showStackTraces?: boolean;
}

/**
 * The Stagecraft REST API, described by `src/schema/openapi.yaml` and served at
 * `/openapi.json`. Requests are validated against the spec before a handler runs, so
 * malformed component refs, environment names and bodies are answered with 400 without
 * reaching an action; errors the actions throw (`@backstage/errors`) become their status codes
 * in Backstage's error handler. Any other error is logged and answered as a bare 500, and no
 * response carries a stack trace outside development.
 */
export function createRouter(options: RouterOptions): express.Router {
  const router = createOpenApiRouter({
    // Backstage's auth middleware has checked the token before the request gets here.
    validatorOptions: { validateSecurity: false },
  });
  const deps: RouteDeps = {
    actions: options.actions,
    contextOf: async req => ({
      credentials: await options.httpAuth.credentials(req),
    }),
  };

  router.get('/targets', (_req, res) => {
    const items: TargetSummary[] = options.targets.map(({ name, type }) => ({
      name,
      type,
    }));
    res.json({ items });
  });
  addDeploymentRoutes(router, deps);
  addPromotionRoutes(router, deps);
  addRuntimeRoutes(router, {
    ...deps,
    runtime: options.runtime,
    serverSentEvents: options.serverSentEvents,
  });
  if (options.observability)
    addObservabilityRoutes(router, {
      ...deps,
      observability: options.observability,
    });
  if (options.diagnosis)
    addDiagnosisRoutes(router, { ...deps, diagnosis: options.diagnosis });
  if (options.cost) addCostRoutes(router, { ...deps, cost: options.cost });
  if (options.impact)
    addImpactRoutes(router, { ...deps, impact: options.impact });
  // After the routes: the validator's and the routes' errors skip them and arrive here.
  router.use(numericParameterErrors(spec));
  router.use(
    hideInternalErrors({
      logger: options.logger,
      showStackTraces:
        options.showStackTraces ?? process.env.NODE_ENV === 'development',
    }),
  );

  return router;
}
