import { Request } from 'express';
import { ActionContext, DeploymentActions } from '../actions/types';
import { createOpenApiRouter } from '../schema/openapi.generated';

/** The router typed by the OpenAPI spec: paths, parameters, bodies and responses. */
export type StagecraftApiRouter = ReturnType<typeof createOpenApiRouter>;

/** What the route handlers share. */
export interface RouteDeps {
  actions: DeploymentActions;
  /** The caller as the actions see them: a user, or a service such as an agent tool. */
  contextOf(req: Request<any, any, any, any, any>): Promise<ActionContext>;
}
