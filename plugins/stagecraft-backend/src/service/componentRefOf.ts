import { stringifyEntityRef } from '@backstage/catalog-model';
import { DeploymentKey } from '../actions/types';

/**
 * `component:<namespace>/<name>` from a route's path. The OpenAPI validator has checked both
 * parts against the catalog's naming rules before a handler runs.
 */
export function componentRefOf(params: {
  namespace: string;
  name: string;
}): string {
  return stringifyEntityRef({
    kind: 'Component',
    namespace: params.namespace,
    name: params.name,
  });
}

/** The deployment a `/components/:namespace/:name/deployments/:environment` route addresses. */
export function deploymentTargetOf(params: {
  namespace: string;
  name: string;
  environment: string;
}): DeploymentKey {
  return {
    componentRef: componentRefOf(params),
    environment: params.environment,
  };
}
