import type { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { relative, isAbsolute } from 'node:path';
import { DirectoryTreeWatcher } from './DirectoryTreeWatcher';

/** Editors write a file in several steps; one refresh per burst. */
const DEBOUNCE_MS = 100;

/**
 * Keeps the catalog's view of file locations fresh: when a YAML file under one of the watched
 * roots changes, it asks the catalog to refresh the entities that came from that file (their
 * `backstage.io/managed-by-location` is `file:<path>`). The catalog's refresh also refreshes
 * the locations above them, which read the file again; so an edit reaches the catalog within
 * its processing loop (about a second) instead of its processing interval.
 *
 * Only entities the catalog already reads from that exact path are refreshed: a file no
 * location covers, a new file (it arrives at the location's next processing), or a path outside
 * the roots does nothing.
 */
export class FileLocationRefresher {
  private readonly trees: DirectoryTreeWatcher[] = [];
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly deps: {
      roots: string[];
      catalog: Pick<CatalogService, 'getEntities' | 'refreshEntity'>;
      credentials: () => Promise<BackstageCredentials>;
      logger: LoggerService;
      debounceMs?: number;
      /** Told of each refresh (for tests and measurements). */
      onRefreshed?: (path: string, entityRefs: string[]) => void;
    },
  ) {}

  async start(): Promise<void> {
    for (const root of this.deps.roots) {
      const tree = new DirectoryTreeWatcher(
        root,
        path => this.changed(root, path),
        this.deps.logger,
      );
      await tree.start();
      this.trees.push(tree);
    }
  }

  stop(): void {
    for (const tree of this.trees) tree.stop();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private changed(root: string, path: string): void {
    const inside = relative(root, path);
    if (inside.startsWith('..') || isAbsolute(inside)) return;
    if (!/\.ya?ml$/i.test(path)) return;
    clearTimeout(this.timers.get(path));
    this.timers.set(
      path,
      setTimeout(() => {
        this.timers.delete(path);
        this.refresh(path).catch(error =>
          this.deps.logger.warn(
            `Stagecraft: could not refresh the catalog entities of ${path}: ${error}`,
          ),
        );
      }, this.deps.debounceMs ?? DEBOUNCE_MS),
    );
  }

  private async refresh(path: string): Promise<void> {
    const credentials = await this.deps.credentials();
    const { items } = await this.deps.catalog.getEntities(
      {
        filter: {
          'metadata.annotations.backstage.io/managed-by-location': `file:${path}`,
        },
        fields: ['kind', 'metadata.name', 'metadata.namespace'],
      },
      { credentials },
    );
    const refs = items.map(e => stringifyEntityRef(e));
    for (const ref of refs)
      await this.deps.catalog.refreshEntity(ref, { credentials });
    if (refs.length > 0)
      this.deps.logger.info(
        `Stagecraft: ${path} changed, refreshing ${refs.length} catalog entit${
          refs.length === 1 ? 'y' : 'ies'
        }`,
      );
    this.deps.onRefreshed?.(path, refs);
  }
}
