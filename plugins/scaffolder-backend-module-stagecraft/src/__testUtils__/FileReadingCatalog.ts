import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { parseEntityDocuments } from '@stagecraft/plugin-stagecraft-common';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * A catalog in memory that reads file locations as the real one does, when asked to refresh
 * them: `<dir>/*\/<file>` and `<dir>/*.yaml` globs, each entity annotated with the file it came
 * from. Records who refreshed what.
 */
export class FileReadingCatalog {
  readonly refreshes: { entityRef: string; principal: string }[] = [];
  private readonly read = new Map<string, Entity[]>();

  constructor(
    private readonly locations: { name: string; target: string }[],
    private readonly others: Entity[] = [],
  ) {}

  asService(): CatalogService {
    return this as unknown as CatalogService;
  }

  async getEntities(request: { filter?: Record<string, string> }) {
    const items = this.locations.map(l => this.locationEntity(l));
    const wanted = request.filter ?? {};
    return {
      items: items.filter(e =>
        Object.entries(wanted).every(
          ([key, value]) =>
            String(
              key.split('.').reduce((v: any, k) => v?.[k], e),
            ).toLowerCase() === value.toLowerCase(),
        ),
      ),
    };
  }

  async refreshEntity(
    entityRef: string,
    options: { credentials: BackstageCredentials },
  ) {
    this.refreshes.push({
      entityRef,
      principal: (options.credentials.principal as { type: string }).type,
    });
    const location = this.locations.find(
      l => stringifyEntityRef(this.locationEntity(l)) === entityRef,
    );
    if (location) this.read.set(location.name, readGlob(location.target));
  }

  async getEntitiesByRefs(request: { entityRefs: string[] }) {
    const all = this.all();
    return {
      items: request.entityRefs.map(ref =>
        all.find(e => stringifyEntityRef(e) === ref),
      ),
    };
  }

  async getEntityByRef(ref: string) {
    return this.all().find(e => stringifyEntityRef(e) === ref);
  }

  private all(): Entity[] {
    return [...this.others, ...[...this.read.values()].flat()];
  }

  private locationEntity(l: { name: string; target: string }): Entity {
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Location',
      metadata: { name: l.name, namespace: 'default' },
      spec: { type: 'file', target: l.target },
    };
  }
}

/** The files a `<dir>/*\/<file>` or `<dir>/*.yaml` glob matches, read as the catalog reads them. */
function readGlob(target: string): Entity[] {
  const star = target.indexOf('*');
  const root = dirname(target.slice(0, star + 1));
  const rest = target.slice(star + 1);
  if (!existsSync(root)) return [];
  const files = rest.startsWith('/')
    ? readdirSync(root)
        .map(d => join(root, d, rest.slice(1)))
        .filter(existsSync)
    : readdirSync(root)
        .filter(f => f.endsWith(rest))
        .map(f => join(root, f));
  return files.flatMap(file =>
    parseEntityDocuments(
      readFileSync(file, 'utf8'),
      basename(file),
    ).documents.map(d => {
      const entity = d.value as unknown as Entity;
      return {
        ...entity,
        metadata: {
          namespace: 'default',
          ...entity.metadata,
          annotations: {
            ...entity.metadata.annotations,
            [ANNOTATION_LOCATION]: `file:${file}`,
          },
        },
      };
    }),
  );
}
