import type { RootConfigService } from '@backstage/backend-plugin-api';
import { resolve } from 'node:path';

/**
 * The directories whose files the catalog reads through `catalog.locations` entries of type
 * `file` (the part of each target before its first glob character, or the file's directory),
 * plus `stagecraft.catalogWatch.directories`, resolved as the catalog resolves file targets:
 * against the backend's working directory. Empty when `stagecraft.catalogWatch.enabled` is
 * false.
 */
export function readWatchRoots(
  config: RootConfigService,
  cwd = process.cwd(),
): string[] {
  const watch = config.getOptionalConfig('stagecraft.catalogWatch');
  if (watch?.getOptionalBoolean('enabled') === false) return [];
  const roots = new Set<string>();
  for (const location of config.getOptionalConfigArray('catalog.locations') ??
    []) {
    if (location.getString('type') !== 'file') continue;
    const target = resolve(cwd, location.getString('target'));
    const glob = target.search(/[*?[{]/);
    const staticPart = glob < 0 ? target : target.slice(0, glob);
    const dir = staticPart.slice(0, staticPart.lastIndexOf('/'));
    // Never the whole filesystem, whatever a target says.
    if (dir) roots.add(dir);
  }
  for (const dir of watch?.getOptionalStringArray('directories') ?? [])
    roots.add(resolve(cwd, dir));
  // A root inside another is watched by the outer one already.
  return [...roots].filter(
    r => ![...roots].some(o => o !== r && r.startsWith(`${o}/`)),
  );
}
