import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

function readOr(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** The pids of `pid`'s children (every thread's), from /proc (Linux only; empty elsewhere). */
function childrenOf(pid: number): number[] {
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  return tasks.flatMap(tid =>
    readOr(`/proc/${pid}/task/${tid}/children`)
      .split(' ')
      .filter(Boolean)
      .map(Number),
  );
}

/** Name and user + system CPU seconds of one process, from /proc/<pid>/stat. */
export function cpuOf(
  pid: number,
): { name: string; seconds: number } | undefined {
  const stat = readOr(`/proc/${pid}/stat`);
  const close = stat.lastIndexOf(')');
  if (close < 0) return undefined;
  const name = stat.slice(stat.indexOf('(') + 1, close);
  // Fields after the name start at field 3 (state); utime and stime are fields 14 and 15.
  const fields = stat.slice(close + 2).split(' ');
  return {
    name,
    seconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND,
  };
}

/**
 * CPU seconds used so far by each descendant of this process (the API server and etcd the
 * benchmark started), summed by process name. Measured in the kernel, so it does not depend
 * on how busy the machine is, unlike the wall times beside it.
 */
export function childCpuSeconds(): Map<string, number> {
  const out = new Map<string, number>();
  const pending = childrenOf(process.pid);
  for (let pid = pending.pop(); pid !== undefined; pid = pending.pop()) {
    const cpu = cpuOf(pid);
    if (cpu) out.set(cpu.name, (out.get(cpu.name) ?? 0) + cpu.seconds);
    pending.push(...childrenOf(pid));
  }
  return out;
}

/** CPU seconds each descendant used between `before` and now, formatted for the report. */
export function childCpuSince(before: Map<string, number>): string {
  const now = childCpuSeconds();
  return (
    [...now]
      .map(
        ([name, s]) => `${name} ${(s - (before.get(name) ?? 0)).toFixed(1)} s`,
      )
      .join(', ') || 'not measured (no /proc)'
  );
}
