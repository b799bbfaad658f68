import { mockServices } from '@backstage/backend-test-utils';
import { IntentEventQueue, MAX_PENDING } from './IntentEventQueue';

const api = 'component:default/api';
const web = 'component:default/web';

function setUp(served: Map<string, string | null>, timeoutMs = 10_000) {
  const passes: Map<string, string | null>[] = [];
  const logger = mockServices.logger.mock();
  const asked: number[] = [];
  const queue = new IntentEventQueue({
    currentHashes: async refs => {
      asked.push(refs.length);
      return new Map(refs.map(r => [r, served.get(r) ?? null]));
    },
    runTrigger: async () => {
      // What the pass would read: the catalog as served when it runs.
      passes.push(new Map(served));
      return { released: 1, deployed: 1 };
    },
    logger,
    visibilityTimeoutMs: timeoutMs,
  });
  /** The refs each pass answered, from its log line, in order. */
  const answered = () =>
    logger.info.mock.calls.map(
      ([message]) =>
        /^catalog change of (.*) handled/.exec(String(message))?.[1],
    );
  /** Resolves once `n` passes ran (bounded by the test's timeout, not by a sleep). */
  const untilPasses = async (n: number) => {
    while (passes.length < n) await new Promise(r => setTimeout(r, 5));
  };
  return { queue, passes, answered, untilPasses, asked };
}

describe('IntentEventQueue', () => {
  it('runs a pass only once the catalog serves the announced version', async () => {
    const served = new Map<string, string | null>([
      [api, 'old'],
      [web, 'w2'],
    ]);
    const { queue, passes, answered, untilPasses } = setUp(served);
    queue.onEvent({ entityRef: api, hash: 'new', processedAt: Date.now() });
    // An event that is ready at once: its pass is what we wait for, and it must be the only one.
    queue.onEvent({ entityRef: web, hash: 'w2', processedAt: Date.now() });
    await untilPasses(1);
    expect(answered()).toEqual([web]);
    served.set(api, 'new'); // stitched
    await queue.idle();
    expect(answered()).toEqual([web, api]);
    expect(passes[1].get(api)).toBe('new');
  });

  it('answers the events that are ready together with one pass', async () => {
    const served = new Map<string, string | null>([
      [api, 'a2'],
      [web, 'w2'],
    ]);
    const { queue, passes } = setUp(served);
    queue.onEvent({ entityRef: api, hash: 'a2', processedAt: Date.now() });
    queue.onEvent({ entityRef: web, hash: 'w2', processedAt: Date.now() });
    await queue.idle();
    expect(passes).toHaveLength(1);
  });

  it('announces a lost deploy intent as null and waits for it too', async () => {
    const served = new Map<string, string | null>([
      [api, 'a1'],
      [web, 'w2'],
    ]);
    const { queue, answered, untilPasses } = setUp(served);
    queue.onEvent({ entityRef: api, hash: null, processedAt: Date.now() });
    queue.onEvent({ entityRef: web, hash: 'w2', processedAt: Date.now() });
    await untilPasses(1);
    expect(answered()).toEqual([web]);
    served.delete(api);
    await queue.idle();
    expect(answered()).toEqual([web, api]);
  });

  it('runs a pass anyway when the announced version never appears (its storing failed)', async () => {
    const served = new Map<string, string | null>([[api, 'old']]);
    const { queue, passes } = setUp(served, 150);
    queue.onEvent({ entityRef: api, hash: 'never', processedAt: Date.now() });
    await queue.idle();
    expect(passes).toHaveLength(1);
  });

  it('waits for the newest version when an entity is announced again', async () => {
    const served = new Map<string, string | null>([
      [api, 'v1'],
      [web, 'w2'],
    ]);
    const { queue, passes, answered, untilPasses } = setUp(served);
    queue.onEvent({ entityRef: api, hash: 'v1', processedAt: Date.now() });
    queue.onEvent({ entityRef: api, hash: 'v2', processedAt: Date.now() });
    queue.onEvent({ entityRef: web, hash: 'w2', processedAt: Date.now() });
    await untilPasses(1);
    expect(answered()).toEqual([web]);
    served.set(api, 'v2');
    await queue.idle();
    expect(answered()).toEqual([web, api]);
    expect(passes[1].get(api)).toBe('v2');
  });

  it(`holds at most ${MAX_PENDING} waiting entities: a flood is dropped and answered by one pass`, async () => {
    // None of these versions ever appears, and the timeout is far beyond the test's: without
    // the cap the queue would hold every ref and wait for each.
    const { queue, passes, asked } = setUp(new Map(), 600_000);
    for (let i = 0; i <= MAX_PENDING; i++)
      queue.onEvent({
        entityRef: `component:default/forged-${i}`,
        hash: 'never',
        processedAt: Date.now(),
      });
    await queue.idle();
    expect(passes).toHaveLength(1);
    expect(Math.max(0, ...asked)).toBeLessThanOrEqual(MAX_PENDING);
  });
});
