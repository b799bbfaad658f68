/*
 * Preloaded into the benchmarked backend (`node --require`, so also into each worker thread):
 * every 2 s each thread writes its own process.memoryUsage() (bytes; heap figures are the
 * thread's own V8 isolate, rss the whole process) as JSON to
 * $STAGECRAFT_BENCH_MEMORY_DIR/thread-<threadId>.json, so the benchmark can split RSS into
 * V8 heaps, external memory and the rest. One unref'd timer per thread, nothing else.
 */
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { threadId } = require('node:worker_threads');

const dir = process.env.STAGECRAFT_BENCH_MEMORY_DIR;
if (dir) {
  const file = join(dir, `thread-${threadId}.json`);
  const write = () => {
    try {
      writeFileSync(
        file,
        JSON.stringify({ at: Date.now(), ...process.memoryUsage() }),
      );
    } catch {
      // The benchmark's directory is gone: it is shutting down.
    }
  };
  write();
  setInterval(write, 2000).unref();
}
