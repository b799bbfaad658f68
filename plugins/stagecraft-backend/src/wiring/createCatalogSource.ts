import type {
  AuditorService,
  AuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { Knex } from 'knex';
import { readCatalogGuardSettings } from '../catalog/CatalogGuard';
import { CatalogSource } from '../catalog/CatalogSource';
import { AcceptedDeletionStore } from '../database/AcceptedDeletionStore';
import { CatalogReadStampStore } from '../database/CatalogReadStampStore';
import type { DeploymentStore } from '../database/DeploymentStore';

/**
 * The plugin's one catalog source: guarded (a catalog that suddenly lost much of itself is held
 * back, not pruned from), its read kept `snapshotSeconds` at most, and following the reads of
 * other replicas through the plugin database (docs/events.md).
 */
export function createCatalogSource(o: {
  catalog: CatalogService;
  auth: AuthService;
  config: Config;
  knex: Knex;
  store: DeploymentStore;
  logger: LoggerService;
  auditor: AuditorService;
  snapshotSeconds: number;
}): CatalogSource {
  readCatalogGuardSettings(o.config); // a bad value stops the start, not every read
  return new CatalogSource(
    o.catalog,
    o.auth,
    o.snapshotSeconds * 1000,
    {
      deployed: async () =>
        (await o.store.listDeployments())
          .filter(d => d.desiredState === 'deployed')
          .map(d => d.componentRef),
      settings: () => readCatalogGuardSettings(o.config),
      logger: o.logger,
      auditor: o.auditor,
      acceptedDeletions: new AcceptedDeletionStore(o.knex),
    },
    new CatalogReadStampStore(o.knex),
  );
}
