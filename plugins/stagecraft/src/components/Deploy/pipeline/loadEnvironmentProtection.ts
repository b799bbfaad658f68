import type { Entity } from '@backstage/catalog-model';
import type { CatalogApi } from '@backstage/plugin-catalog-react';
import {
  approvalGatedEnvironments,
  STAGECRAFT_API_VERSION,
  StagecraftKind,
} from '@stagecraft/plugin-stagecraft-common';

/** How the catalog protects environments, as the control plane decides it. */
export interface EnvironmentProtection {
  /** Environments marked `spec.production: true`. */
  productionEnvironments: ReadonlySet<string>;
  /**
   * Environments entered only by an approved promotion: production ones and every stage any
   * pipeline gates (strictest wins, so the component's own pipeline cannot ungate one).
   */
  gatedEnvironments: ReadonlySet<string>;
}

/**
 * Reads Stagecraft `Environment` entities (default namespace, as the control plane does) and
 * every `DeploymentPipeline`, and derives the protection from the same rule the backend uses
 * (`approvalGatedEnvironments`), so the tab offers what the backend will accept.
 */
export async function loadEnvironmentProtection(
  catalogApi: CatalogApi,
): Promise<EnvironmentProtection> {
  const fields = ['apiVersion', 'kind', 'metadata.name', 'metadata.namespace'];
  const [environments, pipelines] = await Promise.all([
    catalogApi.getEntities({
      filter: { kind: StagecraftKind.Environment },
      fields: [...fields, 'spec.production'],
    }),
    catalogApi.getEntities({
      filter: { kind: StagecraftKind.DeploymentPipeline },
      fields: [...fields, 'spec.stages'],
    }),
  ]);
  const ours = (e: Entity) => e.apiVersion === STAGECRAFT_API_VERSION;
  const stagecraftEnvironments = environments.items.filter(
    e => ours(e) && (e.metadata.namespace ?? 'default') === 'default',
  );
  return {
    productionEnvironments: new Set(
      stagecraftEnvironments
        .filter(e => e.spec?.production === true)
        .map(e => e.metadata.name),
    ),
    gatedEnvironments: approvalGatedEnvironments([
      ...stagecraftEnvironments,
      ...pipelines.items.filter(ours),
    ]),
  };
}
