import { cpuOf } from '../reconcile/childCpu';
import { memoryUsageDir } from './backendProcess';
import {
  describeHeapReadings,
  MemorySampler,
  mib,
  readHeapReadings,
} from './processMemory';

/**
 * What `bench:backend` prints at the end of each phase: the backend's RSS and peak, its CPU so
 * far, the transactions its Stagecraft database committed (PostgreSQL only) and its heaps.
 */
export function phaseReporter(o: {
  pid: number;
  /** The run directory, where the backend's heap readings are written. */
  dir: string;
  memory: MemorySampler;
  transactions?: () => Promise<number | undefined>;
}): (phase: string) => Promise<void> {
  return async phase => {
    const m = o.memory.now()!;
    const heaps = describeHeapReadings(readHeapReadings(memoryUsageDir(o.dir)));
    const cpu = cpuOf(o.pid)?.seconds ?? NaN;
    const committed = await o.transactions?.().catch(() => undefined);
    const database =
      committed === undefined
        ? ''
        : `, Stagecraft's database: ${committed} transactions so far`;
    console.log(
      `${phase}\n    RSS ${mib(m.rss)} (anon ${mib(m.anon)}), peak so far ${mib(
        m.peak,
      )}, CPU so far ${cpu.toFixed(1)} s${database}${heaps}`,
    );
  };
}
