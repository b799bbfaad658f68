import { mockServices } from '@backstage/backend-test-utils';
import { IntentEventQueue } from './IntentEventQueue';

const api = 'component:default/api';
const web = 'component:default/web';

function setUp(served: Map<string, string | null>, timeoutMs = 10_000) {
  const passes: Map<string, string | null>[] = [];
  const queue = new IntentEventQueue({
    currentHashes: async refs =>
      new Map(refs.map(r => [r, served.get(r) ?? null])),
    runTrigger: async () => {
      // What the pass would read: the catalog as served when it runs.
      passes.push(new Map(served));
      return { released: 1, deployed: 1 };
    },
    logger: mockServices.logger.mock(),
    visibilityTimeoutMs: timeoutMs,
  });
  return { queue, passes };
}

describe('IntentEventQueue', () => {
  it('runs a pass only once the catalog serves the announced version', async () => {
    const served = new Map<string, string | null>([[api, 'old']]);
    const { queue, passes } = setUp(served);
    queue.onEvent({ entityRef: api, hash: 'new', processedAt: Date.now() });
    await new Promise(r => setTimeout(r, 100));
    expect(passes).toEqual([]);
    served.set(api, 'new'); // stitched
    await queue.idle();
    expect(passes).toEqual([new Map([[api, 'new']])]);
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
    const served = new Map<string, string | null>([[api, 'a1']]);
    const { queue, passes } = setUp(served);
    queue.onEvent({ entityRef: api, hash: null, processedAt: Date.now() });
    await new Promise(r => setTimeout(r, 60));
    expect(passes).toEqual([]);
    served.delete(api);
    await queue.idle();
    expect(passes).toHaveLength(1);
  });

  it('runs a pass anyway when the announced version never appears (its storing failed)', async () => {
    const served = new Map<string, string | null>([[api, 'old']]);
    const { queue, passes } = setUp(served, 150);
    queue.onEvent({ entityRef: api, hash: 'never', processedAt: Date.now() });
    await queue.idle();
    expect(passes).toHaveLength(1);
  });

  it('waits for the newest version when an entity is announced again', async () => {
    const served = new Map<string, string | null>([[api, 'v1']]);
    const { queue, passes } = setUp(served);
    queue.onEvent({ entityRef: api, hash: 'v1', processedAt: Date.now() });
    queue.onEvent({ entityRef: api, hash: 'v2', processedAt: Date.now() });
    await new Promise(r => setTimeout(r, 60));
    expect(passes).toEqual([]);
    served.set(api, 'v2');
    await queue.idle();
    expect(passes).toEqual([new Map([[api, 'v2']])]);
  });
});
