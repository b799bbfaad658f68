import { copyFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeCpuProfile, summarizeCpuProfile } from './cpuProfileSummary';
import { pollUntil } from './deploymentsApi';

/**
 * `BENCH_CPU_PROFILE=<file>`: a CPU profile of the backend's main thread over the quiet
 * window, taken by quietCpuProfiler.cjs preloaded into the backend, copied to <file> and
 * summarised by package and function.
 */
export class QuietCpuProfile {
  private constructor(private readonly dir: string, readonly file: string) {}

  /** Undefined unless BENCH_CPU_PROFILE names a file. */
  static async fromEnv(runDir: string): Promise<QuietCpuProfile | undefined> {
    const file = process.env.BENCH_CPU_PROFILE;
    if (!file) return undefined;
    const dir = join(runDir, 'cpu-profile');
    await mkdir(dir, { recursive: true });
    return new QuietCpuProfile(dir, file);
  }

  /** What the backend process needs for the profiler to be loaded. */
  backendOptions() {
    return {
      nodeArgs: ['--require', require.resolve('./quietCpuProfiler.cjs')],
      env: { STAGECRAFT_BENCH_CPU_PROFILE_DIR: this.dir },
    };
  }

  async start(): Promise<void> {
    await writeFile(join(this.dir, 'start'), '');
  }

  /** Stops the profile, copies it to the named file and returns its summary. */
  async finish(): Promise<string> {
    await writeFile(join(this.dir, 'stop'), '');
    const written = join(this.dir, 'quiet.cpuprofile');
    await pollUntil(
      'the CPU profile',
      async () => (await stat(written).catch(() => undefined)) !== undefined,
      { timeoutMs: 60_000, intervalMs: 1000 },
    );
    const profile = JSON.parse(await readFile(written, 'utf8'));
    if (profile.error)
      throw new Error(`the backend could not profile: ${profile.error}`);
    await copyFile(written, this.file);
    return `${describeCpuProfile(summarizeCpuProfile(profile))}\n  profile: ${
      this.file
    } (Chrome DevTools or speedscope)`;
  }
}
