import {
  MANAGED_BY_VALUE,
  StagecraftLabel,
} from '@stagecraft/plugin-stagecraft-common';

/** The identity every generated object carries. */
export interface ObjectIdentity {
  project: string;
  environment: string;
  component?: string;
  endpoint?: string;
}

/**
 * Labels for a generated object. Values come from validated entity names (DNS labels), so
 * they are valid label values; `backstage.io/kubernetes-id` lets the stock Kubernetes plugin
 * find a component's objects.
 */
export function labelsFor(id: ObjectIdentity): Record<string, string> {
  const labels: Record<string, string> = {
    [StagecraftLabel.ManagedBy]: MANAGED_BY_VALUE,
    [StagecraftLabel.Project]: id.project,
    [StagecraftLabel.Environment]: id.environment,
  };
  if (id.component) {
    labels[StagecraftLabel.Component] = id.component;
    labels[StagecraftLabel.BackstageKubernetesId] = id.component;
  }
  if (id.endpoint) labels[StagecraftLabel.Endpoint] = id.endpoint;
  return labels;
}

/** Pod selector of a component's workload. */
export const componentSelector = (component: string) => ({
  [StagecraftLabel.Component]: component,
});
