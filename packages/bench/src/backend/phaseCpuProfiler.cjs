/*
 * Preloaded into the benchmarked backend when BENCH_CPU_PROFILE is set (`node --require`):
 * profiles the main thread's CPU over one phase of the benchmark only, which `node
 * --cpu-prof` cannot (it profiles the whole life). The benchmark creates `start` in
 * $STAGECRAFT_BENCH_CPU_PROFILE_DIR when the phase begins and `stop` when it ends; this
 * writes `phase.cpuprofile` there. One unref'd 1 s timer, no port opened.
 */
const { existsSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { isMainThread } = require('node:worker_threads');
const { Session } = require('node:inspector');

const dir = process.env.STAGECRAFT_BENCH_CPU_PROFILE_DIR;
if (dir && isMainThread) {
  const session = new Session();
  let state = 'waiting';
  const timer = setInterval(() => {
    if (state === 'waiting' && existsSync(join(dir, 'start'))) {
      state = 'profiling';
      session.connect();
      session.post('Profiler.enable', () =>
        session.post('Profiler.start', () => {}),
      );
    } else if (state === 'profiling' && existsSync(join(dir, 'stop'))) {
      state = 'done';
      clearInterval(timer);
      session.post('Profiler.stop', (error, result) => {
        writeFileSync(
          join(dir, 'phase.cpuprofile'),
          error
            ? JSON.stringify({ error: String(error) })
            : JSON.stringify(result.profile),
        );
        session.disconnect();
      });
    }
  }, 1000);
  timer.unref();
}
