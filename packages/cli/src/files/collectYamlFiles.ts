import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

const YAML_FILE = /\.ya?ml$/;

/**
 * Expands files and folders into a sorted list of YAML files. Folders are walked recursively,
 * skipping `node_modules` and hidden folders. A path that does not exist throws.
 */
export async function collectYamlFiles(paths: string[]): Promise<string[]> {
  const files = new Set<string>();
  for (const path of paths) {
    const info = await stat(path).catch(() => {
      throw new Error(`${path}: no such file or folder`);
    });
    if (info.isDirectory()) {
      for (const file of await walk(path)) files.add(file);
    } else {
      files.add(path);
    }
  }
  return [...files].sort();
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async entry => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        return entry.name === 'node_modules' || entry.name.startsWith('.')
          ? []
          : walk(path);
      }
      return YAML_FILE.test(entry.name) ? [path] : [];
    }),
  );
  return nested.flat();
}
