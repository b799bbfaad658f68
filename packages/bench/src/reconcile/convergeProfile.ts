import { Session } from 'node:inspector/promises';
import { writeFile } from 'node:fs/promises';

/**
 * A V8 CPU profile of this process over one phase (`BENCH_CPU_PROFILE=<file>`): unlike
 * `node --cpu-prof`, it leaves out start-up, rendering the catalog and kubectl's run, so what
 * it shows is the control plane converging. Open the file in Chrome DevTools or speedscope.
 */
export async function profiled<T>(
  file: string | undefined,
  phase: () => Promise<T>,
): Promise<T> {
  if (!file) return phase();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await phase();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    await writeFile(file, JSON.stringify(profile));
    session.disconnect();
    console.log(`    CPU profile of the converge: ${file}`);
  }
}
