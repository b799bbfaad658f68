import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import {
  CatalogService,
  locationSpecToMetadataName,
} from '@backstage/plugin-catalog-node';
import { parseEntityDocuments } from '@stagecraft/plugin-stagecraft-common';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * A catalog in memory that reads file locations as the real one does, when asked to refresh
 * them, by the name the catalog gives a configured location: `<dir>/*\/<file>` and
 * `<dir>/*.yaml` globs, each entity annotated with the file it came from. Records who
 * refreshed what.
 */
export class FileReadingCatalog {
  readonly refreshes: { entityRef: string; principal: string }[] = [];
  private readonly read = new Map<string, Entity[]>();

  /** `locations`: the targets of its configured file locations. */
  constructor(
    readonly locations: { target: string }[],
    private readonly others: Entity[] = [],
  ) {}

  asService(): CatalogService {
    return this as unknown as CatalogService;
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
      l =>
        entityRef ===
        `location:default/${locationSpecToMetadataName({
          type: 'file',
          target: l.target,
        })}`,
    );
    if (!location) throw new NotFoundError(`No entity ${entityRef}`);
    this.read.set(location.target, readGlob(location.target));
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
