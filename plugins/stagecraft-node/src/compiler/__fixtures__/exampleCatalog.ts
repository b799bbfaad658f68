import { Entity } from '@backstage/catalog-model';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { findRepoRoot } from '@stagecraft/test-cluster';
import { parseAllDocuments } from 'yaml';

/** The repository's example catalog (catalog-info/), as the compiler receives it. */
export const EXAMPLE_CATALOG_DIR = join(findRepoRoot(), 'catalog-info');

export function loadExampleCatalog(): Entity[] {
  return yamlFiles(EXAMPLE_CATALOG_DIR).flatMap(file =>
    parseAllDocuments(readFileSync(file, 'utf8'))
      .map(doc => doc.toJS() as Entity)
      .filter(entity => entity && entity.kind !== 'Location'),
  );
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap(name => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return yamlFiles(path);
      return /\.ya?ml$/.test(name) ? [path] : [];
    });
}
