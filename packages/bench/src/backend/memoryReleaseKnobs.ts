/**
 * The backend's memory release as the bench sets it (`backend.memoryRelease`): off with
 * BENCH_MEMORY_RELEASE=0, its allowance, check interval and time limit from
 * BENCH_MEMORY_GROWTH_MIB, BENCH_MEMORY_INTERVAL_SECONDS and BENCH_MEMORY_MAX_TIME_PERCENT, the
 * C heap's trim off with BENCH_MEMORY_TRIM_NATIVE_HEAP=0, the backend's defaults for what is
 * unset. Throws on a value the backend would refuse, before anything starts.
 */
export function memoryReleaseKnobs(env: NodeJS.ProcessEnv = process.env): {
  config: {
    enabled: boolean;
    growthMiB?: number;
    intervalSeconds?: number;
    maxTimePercent?: number;
    trimNativeHeap?: boolean;
  };
  description: string;
} {
  const number = (name: string) => (env[name] ? Number(env[name]) : undefined);
  const growthMiB = number('BENCH_MEMORY_GROWTH_MIB');
  const intervalSeconds = number('BENCH_MEMORY_INTERVAL_SECONDS');
  const maxTimePercent = number('BENCH_MEMORY_MAX_TIME_PERCENT');
  if (growthMiB !== undefined && !(growthMiB >= 0))
    throw new Error(
      `BENCH_MEMORY_GROWTH_MIB must be a number of MiB, not "${env.BENCH_MEMORY_GROWTH_MIB}"`,
    );
  if (intervalSeconds !== undefined && !(intervalSeconds >= 1))
    throw new Error(
      `BENCH_MEMORY_INTERVAL_SECONDS must be at least 1, not "${env.BENCH_MEMORY_INTERVAL_SECONDS}"`,
    );
  if (
    maxTimePercent !== undefined &&
    !(maxTimePercent > 0 && maxTimePercent <= 100)
  )
    throw new Error(
      `BENCH_MEMORY_MAX_TIME_PERCENT must be more than 0 and at most 100, not "${env.BENCH_MEMORY_MAX_TIME_PERCENT}"`,
    );
  const enabled = env.BENCH_MEMORY_RELEASE !== '0';
  const trimOff = env.BENCH_MEMORY_TRIM_NATIVE_HEAP === '0';
  return {
    config: {
      enabled,
      ...(growthMiB !== undefined ? { growthMiB } : {}),
      ...(intervalSeconds !== undefined ? { intervalSeconds } : {}),
      ...(maxTimePercent !== undefined ? { maxTimePercent } : {}),
      ...(trimOff ? { trimNativeHeap: false } : {}),
    },
    description: enabled
      ? `on (growth ${growthMiB ?? 'default'} MiB, every ${
          intervalSeconds ?? 'default'
        } s, time limit ${maxTimePercent ?? 'default'} %${
          trimOff ? ', C heap not trimmed' : ''
        })`
      : 'off',
  };
}
