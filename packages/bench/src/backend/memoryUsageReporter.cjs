/*
 * Preloaded into the benchmarked backend (`node --require`, so also into each worker thread):
 * every 2 s each thread writes its own process.memoryUsage() (bytes; heap figures are the
 * thread's own V8 isolate, rss the whole process) as JSON to
 * $STAGECRAFT_BENCH_MEMORY_DIR/thread-<threadId>.json, so the benchmark can split RSS into
 * V8 heaps, external memory and the rest; with it the thread's full (mark-compact) collections
 * so far — how many, and their pauses in all and the longest, in ms — which is what a smaller
 * backend.memoryRelease allowance costs. One unref'd timer and one gc observer per thread.
 */
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { threadId } = require('node:worker_threads');
const { constants, PerformanceObserver } = require('node:perf_hooks');
const { getHeapSpaceStatistics } = require('node:v8');

const dir = process.env.STAGECRAFT_BENCH_MEMORY_DIR;
if (dir) {
  const file = join(dir, `thread-${threadId}.json`);
  const full = { count: 0, ms: 0, longestMs: 0 };
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
      if (entry.detail?.kind !== constants.NODE_PERFORMANCE_GC_MAJOR) continue;
      full.count += 1;
      full.ms += entry.duration;
      full.longestMs = Math.max(full.longestMs, entry.duration);
    }
  }).observe({ entryTypes: ['gc'] });
  const write = () => {
    try {
      writeFileSync(
        file,
        JSON.stringify({
          at: Date.now(),
          ...process.memoryUsage(),
          // The young generation's pages in memory: --max-semi-space-size bounds them.
          newSpace: getHeapSpaceStatistics().find(
            space => space.space_name === 'new_space',
          )?.physical_space_size,
          fullCollections: full,
        }),
      );
    } catch {
      // The benchmark's directory is gone: it is shutting down.
    }
  };
  write();
  setInterval(write, 2000).unref();
}
