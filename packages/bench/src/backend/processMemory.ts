import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A thread's V8 heap, as the backend last reported it (memoryUsageReporter.cjs), in MiB. */
export interface HeapReading {
  thread: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  /** Of heapTotal, the young generation's pages in memory (NaN from an older reporter). */
  newSpace: number;
  /** The thread's full collections so far: how many, pauses in all and the longest (ms). */
  fullCollections: { count: number; ms: number; longestMs: number };
}

/**
 * Each live thread's self-reported process.memoryUsage() (main thread 0, then workers), in
 * MiB; a thread whose last report is older than 10 s has ended and is left out.
 */
export function readHeapReadings(dir: string): HeapReading[] {
  const readings: HeapReading[] = [];
  for (const file of readdirSync(dir)) {
    const thread = /^thread-(\d+)\.json$/.exec(file);
    if (!thread) continue;
    try {
      const usage = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      if (Date.now() - usage.at > 10_000) continue;
      readings.push({
        thread: Number(thread[1]),
        heapTotal: usage.heapTotal / 2 ** 20,
        heapUsed: usage.heapUsed / 2 ** 20,
        external: usage.external / 2 ** 20,
        newSpace: (usage.newSpace ?? NaN) / 2 ** 20,
        fullCollections: usage.fullCollections ?? {
          count: 0,
          ms: 0,
          longestMs: 0,
        },
      });
    } catch {
      // Being rewritten: the next reading has it.
    }
  }
  return readings.sort((a, b) => a.thread - b.thread);
}

/** MiB as the bench prints them. */
export const mib = (n: number) => `${n.toFixed(0)} MiB`;

/** The threads' heaps, a line each, as the bench prints them beside each phase's RSS. */
export function describeHeapReadings(readings: HeapReading[]): string {
  return readings
    .map(
      h =>
        `\n    ${
          h.thread === 0 ? 'main thread' : `worker ${h.thread}`
        }: V8 heap ${mib(h.heapUsed)} used of ${mib(
          h.heapTotal,
        )} (young generation ${mib(h.newSpace)}), external ${mib(
          h.external,
        )}; full collections so far ${h.fullCollections.count}, ${(
          h.fullCollections.ms / 1000
        ).toFixed(1)} s in all, longest ${h.fullCollections.longestMs.toFixed(
          0,
        )} ms`,
    )
    .join('');
}

/** One reading of another process's memory from /proc/<pid>/status, in MiB. */
export interface MemoryReading {
  /** Resident set size now (VmRSS). */
  rss: number;
  /** The highest RSS the kernel has seen for the process since it started (VmHWM). */
  peak: number;
  /** Anonymous resident memory (RssAnon): the heaps, as opposed to mapped files and code. */
  anon: number;
}

const KIB_PER_MIB = 1024;

/** Reads `pid`'s memory; undefined when the process is gone. Linux only. */
export function readProcessMemory(pid: number): MemoryReading | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const field = (name: string) => {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB$`, 'm').exec(status);
    return match ? Number(match[1]) / KIB_PER_MIB : NaN;
  };
  return { rss: field('VmRSS'), peak: field('VmHWM'), anon: field('RssAnon') };
}

/**
 * Samples a process's RSS once a second, so a phase of the benchmark can be summarised as
 * the lowest, highest and last reading within it. The peak over the process's whole life is
 * the kernel's own VmHWM, which sampling cannot miss.
 */
export class MemorySampler {
  private samples: { at: number; reading: MemoryReading }[] = [];
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(private readonly pid: number, intervalMs = 1000) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  /** The latest reading (taken now). */
  now(): MemoryReading | undefined {
    return this.sample();
  }

  /** Lowest, highest and last RSS of the samples since `since` (a Date.now() value). */
  window(since: number): { min: number; max: number; last: number } {
    const rss = this.samples.filter(s => s.at >= since).map(s => s.reading.rss);
    return {
      min: Math.min(...rss),
      max: Math.max(...rss),
      last: rss[rss.length - 1],
    };
  }

  /** Every RSS reading since `since`, one a line with its UTC time, to match the backend's log. */
  describeTimeline(since: number): string {
    const lines = this.samples
      .filter(s => s.at >= since)
      .map(
        s =>
          `  ${new Date(s.at)
            .toISOString()
            .slice(11, 19)} ${s.reading.rss.toFixed(0)} MiB`,
      );
    return `RSS, one reading a second (UTC):\n${lines.join('\n')}`;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private sample(): MemoryReading | undefined {
    const reading = readProcessMemory(this.pid);
    if (reading) this.samples.push({ at: Date.now(), reading });
    return reading;
  }
}
