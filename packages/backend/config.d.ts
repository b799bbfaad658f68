export interface Config {
  backend?: {
    /**
     * Gives the pages a busy V8 heap grew into back to the system (src/memory/MemoryRelease.ts,
     * docs/benchmarks.md § memory): every `intervalSeconds`, if the process's resident memory
     * grew by more than `growthMiB` since the last release, one full collection.
     */
    memoryRelease?: {
      /** Default true. */
      enabled?: boolean;
      /**
       * How often resident memory is looked at (one read, no collection), once the backend
       * has started; while its plugins start, every quarter of a second. Default 1.
       */
      intervalSeconds?: number;
      /** Growth since the last release that asks for the next. Default 48. */
      growthMiB?: number;
      /**
       * The most of the time releases may take, on average: release time is budgeted at this
       * share of the time that passes, and a quiet backend saves up to 3 s of it for the
       * bursts of the catalog's processing loop. Default 5.
       */
      maxTimePercent?: number;
      /**
       * After each release, hand the C heap's free pages back too (glibc's malloc_trim, on
       * Linux with glibc only; elsewhere nothing happens). Default true.
       */
      trimNativeHeap?: boolean;
    };
  };
}
