import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  CompileContextReader,
  MAX_PROJECT_COMPONENTS,
} from '@stagecraft/plugin-stagecraft-node';
import {
  component,
  hostile,
  platform,
  stagecraft,
} from './__testUtils__/stagecraftCatalog';

describe('CompileContextReader', () => {
  it('reads the platform and a project once per cache period', async () => {
    const catalog = catalogServiceMock({ entities: [...platform, ...hostile] });
    const getEntities = jest.spyOn(catalog, 'getEntities');
    let now = 0;
    const reader = new CompileContextReader(
      {
        getEntities: r => catalog.getEntities(r),
        getEntitiesByRefs: r => catalog.getEntitiesByRefs(r),
      },
      { cacheMillis: 1000, now: () => now },
    );
    const refs = (es: Entity[]) => es.map(e => stringifyEntityRef(e)).sort();
    await expect(reader.entitiesFor([hostile[1]]).then(refs)).resolves.toEqual([
      'component:default/cart',
      'component:default/checkout',
      'component:default/debugger',
      'component:default/first',
      'component:default/ledger',
      'component:default/second',
      'deploymentpipeline:default/default',
      'endpoint:default/ledger-http',
      'environment:default/dev',
      'environment:default/production',
      'system:default/shop',
      'trait:default/privileged',
      'trait:default/shared-config',
    ]);
    // The platform and the project shop, each read once.
    expect(getEntities).toHaveBeenCalledTimes(2);
    await reader.entitiesFor([hostile[0]]);
    expect(getEntities).toHaveBeenCalledTimes(2);
    now = 1000;
    await reader.entitiesFor([hostile[0]]);
    expect(getEntities).toHaveBeenCalledTimes(4);
  });

  it("reads a component's System and other projects' providers once per cache period, its own project's from the project's read", async () => {
    const checkoutHttp = stagecraft('Endpoint', 'checkout-http', {
      component: 'checkout',
      port: 8080,
      protocol: 'http',
      visibility: 'project',
    });
    const basket = component(
      'basket',
      'shop',
      {},
      { dependsOn: ['endpoint:checkout-http', 'endpoint:ledger-http'] },
    );
    const catalog = catalogServiceMock({
      entities: [...platform, ...hostile, checkoutHttp, basket],
    });
    const byRefs = jest.spyOn(catalog, 'getEntitiesByRefs');
    let now = 0;
    const reader = new CompileContextReader(
      {
        getEntities: r => catalog.getEntities(r),
        getEntitiesByRefs: r => catalog.getEntitiesByRefs(r),
      },
      { cacheMillis: 1000, now: () => now },
    );
    const first = await reader.entitiesFor([basket]);
    expect(byRefs).toHaveBeenCalledTimes(1);
    expect([...byRefs.mock.calls[0][0].entityRefs].sort()).toEqual([
      'component:default/ledger',
      'system:default/shop',
    ]);
    // Both providers are in the input all the same: checkout from the project's read.
    const names = first.map(e => stringifyEntityRef(e));
    expect(names).toEqual(
      expect.arrayContaining([
        'component:default/checkout',
        'component:default/ledger',
        'system:default/shop',
      ]),
    );

    for (const other of [...hostile, basket]) await reader.entitiesFor([other]);
    expect(byRefs).toHaveBeenCalledTimes(1);

    now = 1000;
    const later = await reader.entitiesFor([basket]);
    expect(byRefs).toHaveBeenCalledTimes(2);
    expect(JSON.stringify(later)).toEqual(JSON.stringify(first));
  });

  it('shares a read by ref with the components processed while it is under way, and keeps no ref the catalog lacks', async () => {
    const dangling = component(
      'dangling',
      'shop',
      {},
      { dependsOn: ['endpoint:ledger-http'] },
    );
    const catalog = catalogServiceMock({
      entities: [...platform, ...hostile, dangling].filter(
        e => e.metadata.name !== 'ledger',
      ),
    });
    const byRefs = jest.spyOn(catalog, 'getEntitiesByRefs');
    const reader = new CompileContextReader(
      {
        getEntities: r => catalog.getEntities(r),
        getEntitiesByRefs: r => catalog.getEntitiesByRefs(r),
      },
      { cacheMillis: 60_000 },
    );
    await Promise.all(hostile.map(c => reader.entitiesFor([c])));
    expect(byRefs).toHaveBeenCalledTimes(1);
    // ledger is not in this catalog: asked for again, with the System kept.
    await reader.entitiesFor([dangling]);
    await reader.entitiesFor([dangling]);
    expect(byRefs.mock.calls.slice(1).map(([r]) => r.entityRefs)).toEqual([
      ['component:default/ledger'],
      ['component:default/ledger'],
    ]);
  });

  it('keeps of the Endpoints only those the components and their neighbours serve or depend on', async () => {
    const endpoint = (name: string, owner: string) =>
      stagecraft('Endpoint', name, {
        component: owner,
        port: 8080,
        protocol: 'http',
        visibility: 'project',
      });
    const catalog = catalogServiceMock({
      entities: [
        ...platform,
        ...hostile,
        endpoint('checkout-http', 'checkout'),
        endpoint('ledger-admin', 'ledger'),
        component('other', 'billing', {}),
        endpoint('other-http', 'other'),
      ],
    });
    const reader = new CompileContextReader({
      getEntities: r => catalog.getEntities(r),
      getEntitiesByRefs: r => catalog.getEntitiesByRefs(r),
    });
    const endpointsFor = async (e: Entity) =>
      (await reader.entitiesFor([e]))
        .filter(x => x.kind === 'Endpoint')
        .map(x => x.metadata.name)
        .sort();
    // checkout serves checkout-http; its neighbour cart depends on ledger-http.
    await expect(endpointsFor(hostile[0])).resolves.toEqual([
      'checkout-http',
      'ledger-http',
    ]);
    // An Endpoint is checked beside the other Endpoints of its component.
    const ledgerHttp = platform.find(e => e.metadata.name === 'ledger-http')!;
    await expect(endpointsFor(ledgerHttp)).resolves.toEqual([
      'ledger-admin',
      'ledger-http',
    ]);
  });

  it('gives the same input for the same entities however the catalog restitched them', async () => {
    // What the catalog rewrites when a neighbour is processed: relations (in any order), the
    // etag that follows them, the processing status; and it answers in no set order. None of it
    // is compiled, and with it in the input the processor's memo missed on nearly every pass.
    const catalog = catalogServiceMock({ entities: [...platform, ...hostile] });
    let pass = 0;
    const restitched = <T extends Entity | undefined>(items: T[]) => {
      pass += 1;
      const shuffled = pass % 2 ? [...items].reverse() : items;
      return shuffled.map(e =>
        e
          ? {
              ...e,
              metadata: { ...e.metadata, etag: `etag-${pass}` },
              relations: [
                { type: 'hasPart', targetRef: `component:default/n${pass}` },
                { type: 'partOf', targetRef: 'system:default/shop' },
              ].slice(pass % 2),
              status: { items: [] },
            }
          : e,
      );
    };
    const reader = new CompileContextReader({
      // A catalog that ignores `fields`, as a mock or an older catalog may.
      getEntities: async r => ({
        items: restitched((await catalog.getEntities(r)).items),
      }),
      getEntitiesByRefs: async r => ({
        items: restitched((await catalog.getEntitiesByRefs(r)).items),
      }),
    });
    const first = await reader.entitiesFor([hostile[1]]);
    const second = await reader.entitiesFor([hostile[1]]);
    expect(JSON.stringify(second)).toEqual(JSON.stringify(first));
    for (const entity of first) {
      expect(entity).not.toHaveProperty('relations');
      expect(entity).not.toHaveProperty('status');
      expect(entity.metadata).not.toHaveProperty('etag');
    }
  });

  it('reads the components of the project, whichever way spec.system names it, and only them', async () => {
    const written = ['system:shop', 'default/shop', 'SYSTEM:default/Shop'].map(
      (system, i) => component(`c${i}`, system, {}),
    );
    const elsewhere = [
      component('other-project', 'billing', {}),
      {
        ...component('no-deploy', 'shop', {}),
        spec: { type: 'service', system: 'shop' },
      },
      {
        ...component('namesake', 'shop', {}),
        metadata: { name: 'namesake', namespace: 'other' },
      },
    ];
    const catalog = catalogServiceMock({
      entities: [...platform, ...written, ...elsewhere],
    });
    const reader = new CompileContextReader({
      getEntities: r => catalog.getEntities(r),
      getEntitiesByRefs: r => catalog.getEntitiesByRefs(r),
    });
    const entities = await reader.entitiesFor([component('new', 'shop', {})]);
    expect(
      entities.filter(e => e.kind === 'Component').map(e => e.metadata.name),
    ).toEqual(['c0', 'c1', 'c2']);
  });

  it('reads a project of at most one component again (its others may still be arriving)', async () => {
    const entities = [...platform, component('lonely', 'solo', {})];
    // (A project of several is kept for the cache period: see above.)
    const catalog = catalogServiceMock({ entities });
    const getEntities = jest.spyOn(catalog, 'getEntities');
    const reader = new CompileContextReader(
      {
        getEntities: r => catalog.getEntities(r),
        getEntitiesByRefs: r => catalog.getEntitiesByRefs(r),
      },
      { cacheMillis: 60_000 },
    );
    const projectReads = () =>
      getEntities.mock.calls.filter(([request]) =>
        JSON.stringify(request?.filter).includes('spec.system'),
      ).length;
    await reader.entitiesFor([entities[entities.length - 1]]);
    await reader.entitiesFor([entities[entities.length - 1]]);
    expect(projectReads()).toBe(2);
  });

  it('reads at most MAX_PROJECT_COMPONENTS components of a project', async () => {
    const catalog = catalogServiceMock({ entities: platform });
    const getEntities = jest.spyOn(catalog, 'getEntities');
    const reader = new CompileContextReader({
      getEntities: r => catalog.getEntities(r),
      getEntitiesByRefs: r => catalog.getEntitiesByRefs(r),
    });
    await reader.entitiesFor([hostile[0]]);
    expect(getEntities).toHaveBeenCalledWith(
      expect.objectContaining({ limit: MAX_PROJECT_COMPONENTS }),
    );
  });

  it('does not keep a platform without environments or pipelines (a catalog being ingested)', async () => {
    const entities: Entity[] = [];
    const catalog = catalogServiceMock({ entities });
    const getEntities = jest
      .spyOn(catalog, 'getEntities')
      .mockResolvedValueOnce({ items: [] });
    const reader = new CompileContextReader(
      {
        getEntities: r => catalog.getEntities(r),
        getEntitiesByRefs: r => catalog.getEntitiesByRefs(r),
      },
      { cacheMillis: 60_000 },
    );
    await expect(reader.entitiesFor([hostile[0]])).resolves.toEqual([]);
    getEntities.mockResolvedValueOnce({ items: platform });
    const second = await reader.entitiesFor([hostile[0]]);
    expect(second.map(e => e.metadata.name)).toContain('production');
    await reader.entitiesFor([hostile[0]]);
    const platformReads = getEntities.mock.calls.filter(([request]) =>
      JSON.stringify(request?.filter).includes('"Environment"'),
    );
    expect(platformReads).toHaveLength(2);
  });
});
