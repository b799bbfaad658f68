import type {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { isInside } from './LocalRepositories';
import { sleep } from '../sleep';

/**
 * Makes the catalog read a local repository now rather than at its next processing round, and
 * waits until it shows what was committed.
 *
 * The catalog reads local repositories through file locations of its own configuration
 * (`catalog.locations`, one glob per directory), so nothing is registered per repository and
 * no API call can make the catalog read a file elsewhere on the disk: publishing a repository
 * refreshes those locations. The refresh uses the scaffolder's own service credentials — it
 * changes nothing but timing, and developers hold no write permission on the platform's
 * Location entities; which entities may come from which location stays the catalog rules'.
 */
export class LocalCatalogRegistration {
  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      /** Milliseconds between two reads of the catalog while waiting. Default 1000. */
      pollIntervalMs?: number;
    },
  ) {}

  /**
   * Refreshes every file location of the catalog under `directory`. Fails, saying what to add
   * to app-config, when the catalog reads none: what was committed would never show.
   */
  async refreshLocationsUnder(directory: string): Promise<string[]> {
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const { items } = await this.deps.catalog.getEntities(
      { filter: { kind: 'Location', 'spec.type': 'file' } },
      { credentials },
    );
    const refs = items
      .filter(location => {
        const target = location.spec?.target;
        return typeof target === 'string' && isInside(target, directory);
      })
      .map(location => stringifyEntityRef(location));
    if (refs.length === 0)
      throw new Error(
        `The catalog reads no location under ${directory}, so it would never show what was published there: add { type: file, target: ${directory}/*/catalog-info.yaml } (component repositories) or { type: file, target: ${directory}/*.yaml } (the platform repository, with rules allowing the platform kinds) to catalog.locations in app-config.yaml`,
      );
    for (const entityRef of refs)
      await this.deps.catalog.refreshEntity(entityRef, { credentials });
    return refs;
  }

  /**
   * Waits until the catalog shows each entity as committed (same kind, name and spec), read as
   * the user running the template; fails after `timeoutSeconds` naming those it does not show.
   */
  async waitUntilShown(
    entities: Entity[],
    credentials: BackstageCredentials,
    options: {
      timeoutSeconds: number;
      logger: LoggerService;
      signal?: AbortSignal;
    },
  ): Promise<void> {
    const deadline = Date.now() + options.timeoutSeconds * 1000;
    let missing = entities;
    for (;;) {
      const { items } = await this.deps.catalog.getEntitiesByRefs(
        { entityRefs: missing.map(e => stringifyEntityRef(e)) },
        { credentials },
      );
      missing = missing.filter(
        (expected, i) =>
          !items[i] || canonical(items[i]!.spec) !== canonical(expected.spec),
      );
      if (missing.length === 0) return;
      if (Date.now() >= deadline)
        throw new Error(
          `The catalog does not show ${missing
            .map(e => stringifyEntityRef(e))
            .join(', ')} as committed after ${
            options.timeoutSeconds
          } s: look for its processing errors on the catalog's entity page or in the backend log (a name another location already claims, a kind the location may not hold)`,
        );
      options.logger.info(
        `Waiting for the catalog to show ${missing
          .map(e => stringifyEntityRef(e))
          .join(', ')}`,
      );
      await sleep(this.deps.pollIntervalMs ?? 1000, options.signal);
    }
  }
}

/** JSON with sorted keys: the same value whatever order the catalog stored its fields in. */
function canonical(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map(k => [k, v[k]]),
        )
      : v,
  );
}
