/** `yarn bench:backend --help`: every knob of the memory benchmark (docs/benchmarks.md § memory). */
export const USAGE = `yarn bench:backend [--help]
  Starts the real backend on a local API server, deploys a generated catalog to dev and
  staging through it, and prints the backend process's RSS (peak and steady).
  BENCH_COMPONENTS      components, in projects of 50 (1000)
  BENCH_CATALOG_FILES   one: the whole catalog in one file location (default);
                        per-project: a file location per project, and one for the platform
  BENCH_SETTLE_SECONDS  quiet time after everything is applied, before the steady figure (120)
  BENCH_TIMEOUT_MINUTES bound on each wait (60)
  BENCH_BACKEND         built: the built bundle, as production runs it (default);
                        dev: src/index.ts through the SWC loader, as \`yarn start\` loads it
  BENCH_BUILD           0: reuse packages/backend/dist instead of building it first (built only)
  BENCH_NODE_ARGS       extra node arguments for the backend, e.g. --max-semi-space-size=8
  MALLOC_ARENA_MAX etc. the environment is passed on to the backend
  BENCH_MEMORY_TIMELINE 1: print every RSS reading of the quiet window with its time
  BENCH_CPU_PROFILE     <file>: a CPU profile of the backend's main thread over one phase,
                        written there and summarised by package and function
  BENCH_CPU_PROFILE_PHASE
                        quiet: the quiet window (default); first-stage: from ready until
                        every component is applied in the first environment
  BENCH_HEAP_SNAPSHOT   1: write a heap snapshot of the backend at the end and keep it
  BENCH_MEMORY_RELEASE  0: the backend's memory release (backend.memoryRelease) off
  BENCH_MEMORY_TRIM_NATIVE_HEAP
                        0: no malloc_trim after each release (trimNativeHeap: false)
  BENCH_MEMORY_GROWTH_MIB, BENCH_MEMORY_INTERVAL_SECONDS, BENCH_MEMORY_MAX_TIME_PERCENT
                        its growthMiB, intervalSeconds and maxTimePercent (the backend's
                        defaults if unset)
  BENCH_POSTGRES        a PostgreSQL connection string (postgresql://user:password@127.0.0.1:5432):
                        the backend's databases there, as production runs it, not SQLite files`;
