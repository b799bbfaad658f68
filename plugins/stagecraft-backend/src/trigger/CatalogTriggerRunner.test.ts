import { mockServices } from '@backstage/backend-test-utils';
import { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import { LeaseStore } from '../database/LeaseStore';
import { DeploymentStore } from '../database/DeploymentStore';
import { StatusStore } from '../database/StatusStore';
import { testCatalog } from '../__testUtils__/entities';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { CatalogTriggerRunner, TriggerClock } from './CatalogTriggerRunner';

const databases = createTestDatabases();
const api = 'component:default/api';

/**
 * Holds every read of a catalog head until a second pass reads one too (or 300 ms pass), so two
 * passes running at once would both see the old head: the race the lease exists for.
 */
class RacingHeads extends DeploymentStore {
  armed = false;
  private waiting: (() => void)[] = [];
  async getCatalogHead(ref: string) {
    if (this.armed) {
      const met = new Promise<void>(res => this.waiting.push(res));
      if (this.waiting.length >= 2) this.waiting.forEach(f => f());
      await Promise.race([met, new Promise(res => setTimeout(res, 300))]);
    }
    return super.getCatalogHead(ref);
  }
}

/** Two replicas on one database, each with its own runner; the catalog is shared. */
async function twoReplicas(
  o: { clock?: TriggerClock; onRead?: () => void } = {},
) {
  const knex = await databases.migrated('SQLITE_3');
  const store = new RacingHeads(knex);
  let entities = testCatalog('shop');
  let reads = 0;
  const catalogSource = {
    invalidate: () => {},
    snapshot: async () => {
      reads++;
      o.onRead?.();
      // Slow reads make overlapping passes likely if nothing serialised them.
      await new Promise(r => setTimeout(r, 30));
      return new CatalogSnapshot(entities);
    },
  };
  const auditor = mockServices.auditor.mock();
  const replica = () =>
    new CatalogTriggerRunner({
      catalogSource,
      store,
      status: new StatusStore(knex),
      leases: new LeaseStore(knex),
      enqueue: () => {},
      logger: mockServices.logger.mock(),
      auditor,
      clock: o.clock,
    });
  return {
    store,
    a: replica(),
    b: replica(),
    reads: () => reads,
    setImage(image: string) {
      entities = entities.map(e =>
        e.kind === 'Component' && e.metadata.name === 'api'
          ? { ...e, spec: { ...e.spec, deploy: { image } } }
          : e,
      );
    },
  };
}

describe('CatalogTriggerRunner', () => {
  it('deploys a new release once when replicas run passes at the same moment', async () => {
    const r = await twoReplicas();
    await r.a.run();
    r.setImage('registry.example/api:2');
    r.store.armed = true;
    const [a1, b, a2] = await Promise.all([r.a.run(), r.b.run(), r.a.run()]);
    // a's two calls share one pass; b's pass waits for a's lease and finds nothing new.
    expect(a1).toBe(a2);
    expect(a1.deployed + b.deployed).toBe(1);
    const history = await r.store.listHistory(api, 'dev');
    expect(history.filter(h => h.action === 'deploy')).toHaveLength(2);
  });

  it('answers calls made during a pass with one more pass that reads the catalog afresh', async () => {
    const r = await twoReplicas();
    const first = r.a.run();
    while (r.reads() === 0) await new Promise(res => setTimeout(res, 1));
    r.setImage('registry.example/api:3');
    const [x, y] = [r.a.run(), r.a.run()];
    await Promise.all([first, x, y]);
    expect(r.reads()).toBe(2);
    expect(await x).toEqual(await y);
    expect((await r.store.getDeployment(api, 'dev'))?.releaseId).toBe(
      await r.store.getCatalogHead(api),
    );
  });

  it('rests after a pass as long as it took (at most 5 s) before the next, but not after a quiet spell', async () => {
    let now = 0;
    let readTakes = 400;
    const rests: number[] = [];
    const clock = {
      now: () => now,
      sleep: async (ms: number) => {
        rests.push(ms);
        now += ms;
      },
    };
    const r = await twoReplicas({ clock, onRead: () => (now += readTakes) });
    await r.a.run();
    await r.a.run(); // at once: rests as long as the pass took
    expect(rests).toEqual([400]);
    now += 60_000;
    readTakes = 20_000;
    await r.a.run(); // after a quiet spell: at once
    await r.a.run(); // after a 20 s pass: rests 5 s, not 20
    expect(rests).toEqual([400, 5_000]);
    expect(r.reads()).toBe(4);
  });
});
