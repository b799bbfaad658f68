import type {
  AuthService,
  BackstageCredentials,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  CatalogService,
  locationSpecToMetadataName,
} from '@backstage/plugin-catalog-node';
import { resolve } from 'node:path';
import { isInside } from './LocalRepositories';
import { sleep } from '../sleep';

/** A `file` location of the catalog's configuration (`catalog.locations`). */
export interface ConfiguredFileLocation {
  /** As configured: relative to the backend's working directory, may hold a glob. */
  target: string;
}

/** The `file` locations in `catalog.locations`, which the catalog reads on its own. */
export function configuredFileLocations(
  config: RootConfigService,
): ConfiguredFileLocation[] {
  return (config.getOptionalConfigArray('catalog.locations') ?? [])
    .filter(location => location.getString('type') === 'file')
    .map(location => ({ target: location.getString('target') }));
}

/**
 * Makes the catalog read a local repository now rather than at its next processing round, and
 * waits until it shows what was committed.
 *
 * The catalog reads local repositories through file locations of its own configuration
 * (`catalog.locations`, one glob per directory), so nothing is registered per repository and
 * no API call can make the catalog read a file elsewhere on the disk: publishing a repository
 * refreshes those locations — by the entity the catalog makes of each configured location,
 * found by name because one whose glob matched nothing yet is not listed by the catalog. The
 * refresh uses the scaffolder's own service credentials: it changes nothing but timing, and
 * developers hold no write permission on the platform's Location entities. Which entities may
 * come from which location stays the catalog rules'.
 */
export class LocalCatalogRegistration {
  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      /** The catalog's configured file locations. */
      locations: ConfiguredFileLocation[];
      /** Milliseconds between two reads of the catalog while waiting. Default 1000. */
      pollIntervalMs?: number;
    },
  ) {}

  /**
   * Refreshes every configured file location of the catalog under `directory`. Fails, saying
   * what to add to app-config, when there is none: what was committed would never show.
   */
  async refreshLocationsUnder(directory: string): Promise<string[]> {
    const refs = this.deps.locations
      .map(({ target }) => resolve(target))
      .filter(target => isInside(target, directory))
      .map(target =>
        stringifyEntityRef({
          kind: 'Location',
          namespace: 'default',
          name: locationSpecToMetadataName({ type: 'file', target }),
        }),
      );
    if (refs.length === 0)
      throw new Error(
        `The catalog reads no location under ${directory}, so it would never show what was published there: add { type: file, target: ${directory}/*/catalog-info.yaml } (component repositories) or { type: file, target: ${directory}/*.yaml } (the platform repository, with rules allowing the platform kinds) to catalog.locations in app-config.yaml`,
      );
    const credentials = await this.deps.auth.getOwnServiceCredentials();
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
