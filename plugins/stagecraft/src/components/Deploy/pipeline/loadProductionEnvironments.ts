import type { CatalogApi } from '@backstage/plugin-catalog-react';
import {
  STAGECRAFT_API_VERSION,
  StagecraftKind,
} from '@stagecraft/plugin-stagecraft-common';

/**
 * Names of the environments marked `spec.production: true`, where changes also need the
 * production permission. Like the control plane, it reads Stagecraft `Environment` entities
 * of the default namespace.
 */
export async function loadProductionEnvironments(
  catalogApi: CatalogApi,
): Promise<Set<string>> {
  const { items } = await catalogApi.getEntities({
    filter: { kind: StagecraftKind.Environment },
    fields: [
      'apiVersion',
      'metadata.name',
      'metadata.namespace',
      'spec.production',
    ],
  });
  return new Set(
    items
      .filter(
        e =>
          e.apiVersion === STAGECRAFT_API_VERSION &&
          (e.metadata.namespace ?? 'default') === 'default' &&
          e.spec?.production === true,
      )
      .map(e => e.metadata.name),
  );
}
