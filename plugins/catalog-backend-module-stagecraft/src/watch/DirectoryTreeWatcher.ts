import type { LoggerService } from '@backstage/backend-plugin-api';
import { FSWatcher, watch } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Directories never worth watching for catalog files. */
const SKIPPED = new Set(['.git', 'node_modules']);
/** Bounds the watches one root may cost (inotify watches are a per-user limit). */
const MAX_DIRECTORIES = 2_000;

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
 */
export class DirectoryTreeWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
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
    for (const w of this.watchers.values()) w.close();
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
    try {
      watcher = watch(dir, { persistent: false }, (_event, name) => {
        if (name) void this.changed(join(dir, name.toString()));
      });
    } catch {
      return; // gone, or not a directory
    }
    watcher.on('error', () => {
      watcher.close();
      this.watchers.delete(dir);
    });
    this.watchers.set(dir, watcher);
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    // Dirent.isDirectory() is false for a symbolic link, whatever it points at.
    for (const entry of entries) {
      if (entry.isDirectory() && !SKIPPED.has(entry.name))
        await this.add(join(dir, entry.name), reportFiles);
      else if (reportFiles && entry.isFile())
        this.onFile(join(dir, entry.name));
    }
  }

  private async changed(path: string): Promise<void> {
    const stats = await lstat(path).catch(() => undefined);
    if (stats?.isDirectory()) {
      const name = path.slice(path.lastIndexOf('/') + 1);
      if (!SKIPPED.has(name)) await this.add(path, true);
      return;
    }
    if (!stats) {
      // Removed: a watched directory's watch ends by itself; a file is a change.
      const gone = this.watchers.get(path);
      if (gone) {
        gone.close();
        this.watchers.delete(path);
        return;
      }
    }
    this.onFile(path);
  }
}
