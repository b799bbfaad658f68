import { Session } from 'node:inspector';

/**
 * A full, compacting garbage collection that also hands V8's free pages back to the
 * operating system: `HeapProfiler.collectGarbage` through an in-process inspector session,
 * which V8 serves with `Isolate::LowMemoryNotification`. No port is opened and nothing
 * outside the process can use it. Node has no other public way to ask for this without
 * `--expose-gc`, and `gc()` does not return the freed pages.
 */
export async function collectAllAvailableGarbage(): Promise<void> {
  const session = new Session();
  session.connect();
  try {
    await new Promise<void>((resolve, reject) =>
      session.post('HeapProfiler.collectGarbage', error =>
        error ? reject(error) : resolve(),
      ),
    );
  } finally {
    session.disconnect();
  }
}
