/** Figures of an open-loop run: one per request, whether it was sent or skipped. */
export interface OpenLoopFigures<T> {
  results: T[];
  /** Requests not sent because `maxInFlight` were still waiting: the system fell behind. */
  skipped: number;
  /** Wall time from the first send to the last answer (ms). */
  elapsedMs: number;
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/**
 * Sends `total` requests at `perSecond`, on schedule whether or not earlier ones have been
 * answered (an open loop, as independent users do: a slow server meets more load, not less),
 * at most `maxInFlight` at a time. Bounded: exactly `total` slots, then it waits for the last.
 */
export async function openLoop<T>(o: {
  perSecond: number;
  total: number;
  maxInFlight: number;
  send: (i: number) => Promise<T>;
  /** Called when the last slot is due, whether its request is sent or skipped. */
  atLastSlot?: () => void;
}): Promise<OpenLoopFigures<T>> {
  const interval = 1000 / o.perSecond;
  const results: T[] = [];
  const inFlight = new Set<Promise<void>>();
  let skipped = 0;
  const started = performance.now();
  for (let i = 0; i < o.total; i++) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    // Behind schedule: send in a burst, yielding now and then so answers are read meanwhile.
    else if (i % 20 === 0) await new Promise(r => setImmediate(r));
    if (i === o.total - 1) o.atLastSlot?.();
    if (inFlight.size >= o.maxInFlight) {
      skipped++;
      continue;
    }
    const sent: Promise<void> = o.send(i).then(result => {
      results.push(result);
      inFlight.delete(sent);
    });
    inFlight.add(sent);
  }
  await Promise.all(inFlight);
  return { results, skipped, elapsedMs: performance.now() - started };
}
