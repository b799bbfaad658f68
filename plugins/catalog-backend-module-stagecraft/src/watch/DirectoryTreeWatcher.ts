import type { LoggerService } from '@backstage/backend-plugin-api';
import { BigIntStats, FSWatcher, lstatSync, watch } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Directories never worth watching for catalog files. */
const SKIPPED = new Set(['.git', 'node_modules']);
/** Bounds the watches one root may cost (inotify watches are a per-user limit). */
const MAX_DIRECTORIES = 2_000;

/** Tells one directory from another created under its name later, even in the same inode. */
const identityOf = (stats: BigIntStats) => `${stats.ino}:${stats.birthtimeNs}`;

/**
 * Watches a directory tree with one `fs.watch` per directory, never through a symbolic link:
 * a link inside a watched tree is not a way to watch (or react to) paths outside it. Directories
 * created later are watched as they appear. Calls `onFile` with the absolute path of each file
 * whose entry changed (written, created, renamed or removed).
 *
 * A directory that appears later may already hold files by the time its own watch starts: a
 * `git checkout` or `mkdir -p … && cp …` creates a directory and writes into it before the
 * parent's event has been handled. Those files are reported as they are found, so a change is
 * never lost in that gap; the files found at `start()` are not, as nothing changed them.
 *
 * A watch follows its directory, not its path. A directory removed and created again under the
 * same name (`git checkout`, `rm -rf x && cp -r … x`), or renamed away and replaced, is told
 * from the one watched by its inode and birth time (a file system reuses a freed inode at once)
 * and watched anew, its files reported as new ones.
 */
export class DirectoryTreeWatcher {
  private readonly watchers = new Map<
    string,
    { watcher: FSWatcher; identity: string }
  >();
  private stopped = false;

  constructor(
    private readonly root: string,
    private readonly onFile: (path: string) => void,
    private readonly logger?: LoggerService,
  ) {}

  async start(): Promise<void> {
    await this.add(this.root, false);
  }

  stop(): void {
    this.stopped = true;
    for (const { watcher } of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }

  /** How many directories are watched (for tests and the start-up log). */
  get size(): number {
    return this.watchers.size;
  }

  private async add(dir: string, reportFiles: boolean): Promise<void> {
    if (this.stopped || this.watchers.has(dir)) return;
    if (this.watchers.size >= MAX_DIRECTORIES) {
      this.logger?.warn(
        `Stagecraft: not watching ${dir}: ${this.root} holds more than ${MAX_DIRECTORIES} directories`,
      );
      return;
    }
    let watcher: FSWatcher;
    let identity: string;
    try {
      // In the same turn as the watch, so that no other add() of `dir` comes between; and a
      // symbolic link put in its place is not followed.
      const stats = lstatSync(dir, { bigint: true });
      if (!stats.isDirectory()) return;
      identity = identityOf(stats);
      watcher = watch(dir, { persistent: false }, (_event, name) => {
        if (name) void this.changed(join(dir, name.toString()));
      });
    } catch {
      return; // gone, or not a directory
    }
    const watched = { watcher, identity };
    watcher.on('error', () => {
      watcher.close();
      if (this.watchers.get(dir) === watched) this.watchers.delete(dir);
    });
    this.watchers.set(dir, watched);
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    // Dirent.isDirectory() is false for a symbolic link, whatever it points at.
    for (const entry of entries) {
      if (this.stopped) return;
      if (entry.isDirectory() && !SKIPPED.has(entry.name))
        await this.add(join(dir, entry.name), reportFiles);
      else if (reportFiles && entry.isFile())
        this.onFile(join(dir, entry.name));
    }
  }

  private async changed(path: string): Promise<void> {
    const stats = await lstat(path, { bigint: true }).catch(() => undefined);
    if (this.stopped) return;
    const watched = this.watchers.get(path);
    // A watched directory removed, replaced, or another one under its name: its watches (and
    // those below it) follow the old directory.
    if (
      watched &&
      !(stats?.isDirectory() && identityOf(stats) === watched.identity)
    )
      this.forget(path);
    if (stats?.isDirectory()) {
      const name = path.slice(path.lastIndexOf('/') + 1);
      if (!SKIPPED.has(name)) await this.add(path, true);
    } else if (stats || !watched) {
      this.onFile(path); // a file written, created, renamed or removed
    }
  }

  /** Stops watching `dir` and every directory below it. */
  private forget(dir: string): void {
    for (const [path, { watcher }] of this.watchers) {
      if (path !== dir && !path.startsWith(`${dir}/`)) continue;
      watcher.close();
      this.watchers.delete(path);
    }
  }
}
