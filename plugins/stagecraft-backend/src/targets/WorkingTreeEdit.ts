import {
  mkdir,
  readdir,
  readFile,
  rm,
  rmdir,
  writeFile,
} from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';

const isNotFound = (error: unknown) =>
  (error as { code?: string }).code === 'ENOENT';

/**
 * The files one sync changes, with what they held before, so a failed sync can be put back.
 * Paths are relative to the target directory, `/`-separated as git pathspecs are.
 */
export class WorkingTreeEdit {
  private readonly originals = new Map<string, string | undefined>();

  constructor(private readonly root: string) {}

  /** Every path written or removed so far. */
  get paths(): string[] {
    return [...this.originals.keys()];
  }

  async read(path: string): Promise<string | undefined> {
    try {
      return await readFile(join(this.root, path), 'utf8');
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async exists(path: string): Promise<boolean> {
    return (await this.read(path)) !== undefined;
  }

  /** Names of the directory's entries that `include` accepts; none when it does not exist. */
  async list(
    path: string,
    include: (name: string, isDir: boolean) => boolean | Promise<boolean>,
  ): Promise<string[]> {
    const entries = await readdir(join(this.root, path), {
      withFileTypes: true,
    }).catch(error => {
      if (isNotFound(error)) return [];
      throw error;
    });
    const included = await Promise.all(
      entries.map(e => include(e.name, e.isDirectory())),
    );
    return entries.filter((_, i) => included[i]).map(e => e.name);
  }

  /** Writes `content` to `path`, or removes `path` when `content` is undefined. */
  async write(path: string, content: string | undefined) {
    const current = await this.read(path);
    if (!this.originals.has(path)) this.originals.set(path, current);
    if (current !== content) await this.put(path, content);
  }

  async rollback() {
    for (const [path, content] of [...this.originals].reverse()) {
      await this.put(path, content);
    }
  }

  private async put(path: string, content: string | undefined) {
    const file = join(this.root, path);
    if (content !== undefined) {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, content);
      return;
    }
    await rm(file, { force: true });
    // Git tracks no directories: drop those the removal emptied, so none linger on disk.
    await removeEmptyDirectories(dirname(file), this.root);
  }
}

/** Removes `dir` and then its parents, up to but excluding `root`, while they are empty. */
async function removeEmptyDirectories(dir: string, root: string) {
  if (!dir.startsWith(`${root}${sep}`)) return;
  try {
    await rmdir(dir);
  } catch {
    return; // not empty (or already gone): nothing above it can be empty either
  }
  await removeEmptyDirectories(dirname(dir), root);
}
