import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { DEPLOY_RELEVANT_KINDS } from '@stagecraft/plugin-stagecraft-node';
import { CatalogSnapshot } from './CatalogSnapshot';

/**
 * Reads the entities the control plane compiles from the catalog, as the plugin's own service
 * principal, and shares one snapshot between the reconciles of a short window: a resync of a
 * thousand deployments must not fetch the catalog a thousand times.
 */
export class CatalogSource {
  private cached?: { at: number; snapshot: Promise<CatalogSnapshot> };

  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly maxAgeMs = 2_000,
  ) {}

  snapshot(): Promise<CatalogSnapshot> {
    const now = Date.now();
    if (!this.cached || now - this.cached.at > this.maxAgeMs) {
      const snapshot = this.fetch();
      this.cached = { at: now, snapshot };
      // A failed fetch must not be served from the cache.
      snapshot.catch(() => {
        if (this.cached?.snapshot === snapshot) this.cached = undefined;
      });
    }
    return this.cached.snapshot;
  }

  /** Drops the cached snapshot, e.g. when someone asks for a refresh. */
  invalidate(): void {
    this.cached = undefined;
  }

  private async fetch(): Promise<CatalogSnapshot> {
    const { items } = await this.catalog.getEntities(
      { filter: { kind: [...DEPLOY_RELEVANT_KINDS] } },
      { credentials: await this.auth.getOwnServiceCredentials() },
    );
    return new CatalogSnapshot(items);
  }
}
