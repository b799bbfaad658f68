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
      /** How often resident memory is looked at (one read, no collection). Default 2. */
      intervalSeconds?: number;
      /** Growth since the last release that asks for the next. Default 48. */
      growthMiB?: number;
      /**
       * The most of the time releases may take: after one that took t, the next waits until
       * t × 100 / maxTimePercent has passed since it began. Default 5.
       */
      maxTimePercent?: number;
    };
  };
}
