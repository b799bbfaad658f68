import { copyFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeCpuProfile, summarizeCpuProfile } from './cpuProfileSummary';
import { pollUntil } from './deploymentsApi';

/** The phases a profile can cover: the quiet window, or from ready until the first stage is applied. */
export type ProfiledPhase = 'quiet' | 'first-stage';

/**
 * `BENCH_CPU_PROFILE=<file>`: a CPU profile of the backend's main thread over one phase
 * (`BENCH_CPU_PROFILE_PHASE`, the quiet window by default), taken by phaseCpuProfiler.cjs
 * preloaded into the backend, copied to <file> and summarised by package and function.
 */
export class PhaseCpuProfile {
  private constructor(
    private readonly dir: string,
    readonly file: string,
    readonly phase: ProfiledPhase,
  ) {}

  /** Undefined unless BENCH_CPU_PROFILE names a file. */
  static async fromEnv(runDir: string): Promise<PhaseCpuProfile | undefined> {
    const file = process.env.BENCH_CPU_PROFILE;
    if (!file) return undefined;
    const phase = process.env.BENCH_CPU_PROFILE_PHASE ?? 'quiet';
    if (phase !== 'quiet' && phase !== 'first-stage')
      throw new Error(
        `BENCH_CPU_PROFILE_PHASE must be quiet or first-stage, not "${phase}"`,
      );
    const dir = join(runDir, 'cpu-profile');
    await mkdir(dir, { recursive: true });
    return new PhaseCpuProfile(dir, file, phase);
  }

  /** Starts the profile if `phase` is the one profiled. */
  async startIf(phase: ProfiledPhase): Promise<void> {
    if (phase === this.phase) await this.start();
  }

  /** Finishes the profile and prints its summary if `phase` is the one profiled. */
  async finishIf(phase: ProfiledPhase): Promise<void> {
    if (phase === this.phase) console.log(await this.finish());
  }

  /** What the backend process needs for the profiler to be loaded. */
  backendOptions() {
    return {
      nodeArgs: ['--require', require.resolve('./phaseCpuProfiler.cjs')],
      env: { STAGECRAFT_BENCH_CPU_PROFILE_DIR: this.dir },
    };
  }

  private async start(): Promise<void> {
    await writeFile(join(this.dir, 'start'), '');
  }

  /** Stops the profile, copies it to the named file and returns its summary. */
  private async finish(): Promise<string> {
    await writeFile(join(this.dir, 'stop'), '');
    const written = join(this.dir, 'phase.cpuprofile');
    await pollUntil(
      'the CPU profile',
      async () => (await stat(written).catch(() => undefined)) !== undefined,
      { timeoutMs: 60_000, intervalMs: 1000 },
    );
    const profile = JSON.parse(await readFile(written, 'utf8'));
    if (profile.error)
      throw new Error(`the backend could not profile: ${profile.error}`);
    await copyFile(written, this.file);
    return `${describeCpuProfile(
      summarizeCpuProfile(profile),
      this.phase,
    )}\n  profile: ${this.file} (Chrome DevTools or speedscope)`;
  }
}
