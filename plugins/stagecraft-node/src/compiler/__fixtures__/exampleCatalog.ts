import { Entity } from '@backstage/catalog-model';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** The repository's example catalog (catalog-info/), as the compiler receives it. */
export const EXAMPLE_CATALOG_DIR = join(
  repoRoot(process.cwd()),
  'catalog-info',
);

/** Tests run from the repository root or a package folder: walk up to the root. */
function repoRoot(dir: string): string {
  if (existsSync(join(dir, 'backstage.json'))) return dir;
  const parent = dirname(dir);
  if (parent === dir)
    throw new Error('backstage.json not found above the working directory');
  return repoRoot(parent);
}

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
