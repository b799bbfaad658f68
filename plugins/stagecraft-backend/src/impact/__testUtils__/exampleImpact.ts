import type { Entity } from '@backstage/catalog-model';
import { CatalogSnapshot } from '../../catalog/CatalogSnapshot';
import type { createTestDatabases } from '../../__testUtils__/testDatabases';
import {
  exampleTraffic,
  loadExampleCatalog,
  permissionsHiding,
} from '../../traffic/__testUtils__/exampleTraffic';
import { ImpactService } from '../ImpactService';

/**
 * The example organisation deployed to dev (see `exampleTraffic`) with the impact service over
 * the same store; `setCatalog` changes what both the trigger and the impact service read.
 */
export async function exampleImpact(
  databases: ReturnType<typeof createTestDatabases>,
  o: { entities?: Entity[]; hiddenFromBob?: string[] } = {},
) {
  const h = await exampleTraffic(databases, o);
  let catalog = o.entities ?? loadExampleCatalog();
  const impact = new ImpactService({
    store: h.store,
    catalog: async () => new CatalogSnapshot(catalog),
    permissions: permissionsHiding(o.hiddenFromBob ?? []),
  });
  return {
    ...h,
    impact,
    setCatalog(next: Entity[]) {
      catalog = next;
      h.setCatalog(next);
    },
  };
}
