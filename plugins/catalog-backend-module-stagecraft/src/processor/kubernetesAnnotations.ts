import { Entity } from '@backstage/catalog-model';
import {
  hasDeployIntent,
  MANAGED_BY_VALUE,
  projectNameOf,
  StagecraftLabel,
} from '@stagecraft/plugin-stagecraft-common';

/** Read by the stock Backstage Kubernetes plugin; it prefers the selector when both are set. */
export const KUBERNETES_ID_ANNOTATION = 'backstage.io/kubernetes-id';
export const KUBERNETES_LABEL_SELECTOR_ANNOTATION =
  'backstage.io/kubernetes-label-selector';

/**
 * Lets the stock Kubernetes plugin find a deployable component's objects: the compiler labels
 * every object of a component with `backstage.io/kubernetes-id: <component>` and with its
 * project and component (stagecraft-node `labelsFor`), so the id matches them, and the label
 * selector matches only this project's component of that name (two projects may both have an
 * `api`). Annotations the entity's author wrote are kept.
 */
export function withKubernetesAnnotations(entity: Entity): Entity {
  if (!hasDeployIntent(entity)) return entity;
  const component = entity.metadata.name;
  const project = projectNameOf(entity);
  const added: Record<string, string> = {
    [KUBERNETES_ID_ANNOTATION]: component,
  };
  if (project) {
    added[KUBERNETES_LABEL_SELECTOR_ANNOTATION] = [
      `${StagecraftLabel.ManagedBy}=${MANAGED_BY_VALUE}`,
      `${StagecraftLabel.Project}=${project}`,
      `${StagecraftLabel.Component}=${component}`,
    ].join(',');
  }
  return {
    ...entity,
    metadata: {
      ...entity.metadata,
      annotations: { ...added, ...entity.metadata.annotations },
    },
  };
}
