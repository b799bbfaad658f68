import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ServiceUnavailableError } from '@backstage/errors';
import { testCatalog } from '../__testUtils__/entities';
import { recordingAuditor } from '../__testUtils__/controlPlaneHarness';
import { CatalogGuardSettings } from './CatalogGuard';
import { CatalogGuardDeps, CatalogSource } from './CatalogSource';

function memoryAcceptedDeletions(): CatalogGuardDeps['acceptedDeletions'] {
  const refs = new Set<string>();
  return {
    list: async () => [...refs],
    record: async accepted => accepted.forEach(r => refs.add(r)),
    forget: async back => back.forEach(r => refs.delete(r)),
  };
}

/** A catalog source over entities the test replaces, guarded like the plugin's. */
function guardedSource(
  entities: Entity[],
  o: {
    deployed?: string[];
    settings?: Partial<CatalogGuardSettings>;
    acceptedDeletions?: CatalogGuardDeps['acceptedDeletions'];
  } = {},
) {
  let items = entities;
  const settings: CatalogGuardSettings = { maxVanished: 3, ...o.settings };
  const auditor = recordingAuditor();
  const logger = mockServices.logger.mock();
  const source = new CatalogSource(
    { getEntities: async () => ({ items }) } as any,
    { getOwnServiceCredentials: async () => ({}) } as any,
    -1, // every read fetches afresh
    {
      deployed: async () =>
        o.deployed ?? ['component:default/api', 'component:default/worker'],
      settings: () => settings,
      logger,
      auditor,
      acceptedDeletions: o.acceptedDeletions ?? memoryAcceptedDeletions(),
    },
  );
  return {
    source,
    auditor,
    logger,
    settings,
    setEntities: (next: Entity[]) => {
      items = next;
    },
  };
}

const platformOnly = (entities: Entity[]) =>
  entities.filter(e => e.kind !== 'Component' && e.kind !== 'Endpoint');

describe('CatalogSource guard', () => {
  const catalog = testCatalog('p1');

  it('holds back a read that lost every deployed component and serves the last complete one', async () => {
    const g = guardedSource(catalog);
    await g.source.snapshot();
    g.setEntities(platformOnly(catalog));
    const served = await g.source.snapshot();
    expect(served.get('component:default/api')).toBeDefined();
    expect(served.heldBack?.message).toContain(
      'every deployed component vanished',
    );
    expect(served.heldBack?.message).toContain(served.heldBack!.token);
    expect(g.auditor.events).toEqual([
      expect.objectContaining({
        eventId: 'catalog-change-held',
        severityLevel: 'high',
        outcome: 'success',
        meta: expect.objectContaining({ vanishedCount: 3 }),
      }),
    ]);
    // Reported once per hold, not on every read.
    await g.source.snapshot();
    expect(g.auditor.events).toHaveLength(1);
    expect(g.logger.warn).toHaveBeenCalledTimes(1);
  });

  it('holds back a read that lost more entities than maxVanished', async () => {
    const many = [...catalog];
    for (let i = 0; i < 5; i++)
      many.push({
        ...catalog.find(e => e.kind === 'Endpoint')!,
        metadata: { name: `extra-${i}`, namespace: 'default' },
      });
    const g = guardedSource(many);
    await g.source.snapshot();
    g.setEntities(catalog);
    const served = await g.source.snapshot();
    expect(served.heldBack?.message).toContain(
      '5 deploy-relevant entities vanished',
    );
    expect(served.get('endpoint:default/extra-0')).toBeDefined();
  });

  it('lets one deleted component through, and a read that returns clears the hold', async () => {
    const g = guardedSource(catalog);
    await g.source.snapshot();
    const withoutWorker = catalog.filter(e => e.metadata.name !== 'worker');
    g.setEntities(withoutWorker);
    const served = await g.source.snapshot();
    expect(served.heldBack).toBeUndefined();
    expect(served.get('component:default/worker')).toBeUndefined();

    // api and its endpoint: two entities, above a bound of one.
    g.settings.maxVanished = 1;
    g.setEntities(platformOnly(catalog));
    expect((await g.source.snapshot()).heldBack).toBeDefined();
    g.setEntities(withoutWorker);
    expect((await g.source.snapshot()).heldBack).toBeUndefined();
    expect(g.source.currentHold()).toBeUndefined();
  });

  it('acts on a held read once the operator accepts its token, and audits that', async () => {
    const g = guardedSource(catalog);
    await g.source.snapshot();
    g.setEntities(platformOnly(catalog));
    const { token } = (await g.source.snapshot()).heldBack!;
    g.settings.accept = token;
    const served = await g.source.snapshot();
    expect(served.heldBack).toBeUndefined();
    expect(served.get('component:default/api')).toBeUndefined();
    expect(g.auditor.events.map(e => e.eventId)).toEqual([
      'catalog-change-held',
      'catalog-change-accepted',
    ]);
  });

  it('refuses to serve a just-started read without the deployed components (no complete read to fall back on)', async () => {
    const g = guardedSource(platformOnly(catalog));
    await expect(g.source.snapshot()).rejects.toThrow(ServiceUnavailableError);
    await expect(g.source.snapshot()).rejects.toThrow(
      /every deployed component vanished.*catalogGuard\.accept/,
    );
    g.setEntities(catalog);
    expect((await g.source.snapshot()).heldBack).toBeUndefined();
  });

  it('after a restart, counts only whether any deployed component is left', async () => {
    // A component deleted long ago that is still deployed does not hold the first read back.
    const g = guardedSource(catalog, {
      deployed: [
        'component:default/api',
        'component:default/gone-1',
        'component:default/gone-2',
      ],
    });
    expect((await g.source.snapshot()).heldBack).toBeUndefined();
  });

  it('after a restart, is not held back by more deleted-but-deployed components than maxVanished', async () => {
    // Each deleted on its own, under the bound, and left deployed (a deletion is no undeploy):
    // together they must not fail every read after the next start.
    const gone = [1, 2, 3, 4].map(i => `component:default/gone-${i}`);
    const g = guardedSource(catalog, {
      deployed: ['component:default/api', ...gone],
    });
    expect((await g.source.snapshot()).heldBack).toBeUndefined();
  });
});
