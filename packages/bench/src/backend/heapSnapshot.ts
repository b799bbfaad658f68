import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackendProcess } from './backendProcess';
import { pollUntil } from './deploymentsApi';

/**
 * Asks the backend (started with `--heapsnapshot-signal=SIGUSR2 --diagnostic-dir=<dir>`) for
 * a heap snapshot and waits until it is written; returns its path and size in MiB.
 */
export async function writeHeapSnapshot(
  backend: BackendProcess,
  dir: string,
): Promise<{ file: string; mib: number }> {
  process.kill(backend.pid, 'SIGUSR2');
  let file: string | undefined;
  await pollUntil(
    'the heap snapshot',
    async () => {
      file = (await readdir(dir)).find(f => f.endsWith('.heapsnapshot'));
      return file !== undefined;
    },
    { timeoutMs: 600_000, intervalMs: 2000 },
  );
  // The file appears when writing starts; the backend logs nothing when it ends, so wait
  // for its size to stop changing.
  let size = -1;
  await pollUntil(
    'the heap snapshot to be written',
    async () => {
      const { size: now } = await stat(join(dir, file!));
      const done = now === size && now > 0;
      size = now;
      return done;
    },
    { timeoutMs: 600_000, intervalMs: 3000 },
  );
  return { file: join(dir, file!), mib: size / 2 ** 20 };
}
