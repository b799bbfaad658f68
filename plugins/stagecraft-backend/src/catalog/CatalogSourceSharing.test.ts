import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { testCatalog } from '../__testUtils__/entities';
import type { Entity } from '@backstage/catalog-model';
import { CatalogReadStamps, CatalogSource } from './CatalogSource';
import type { Deployment } from '../database/DeploymentStore';
import { planInputs } from '../reconcile/steadyState';

/** A source over the test catalog that counts the catalog reads it makes. */
function countingSource(maxAgeMs: number) {
  let reads = 0;
  const source = new CatalogSource(
    {
      getEntities: async () => {
        reads += 1;
        return { items: testCatalog('p1') };
      },
    } as any,
    { getOwnServiceCredentials: async () => ({}) } as any,
    maxAgeMs,
  );
  return { source, reads: () => reads };
}

describe('CatalogSource sharing', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  it('serves one read to every caller until it is invalidated', async () => {
    const { source, reads } = countingSource(30_000);
    const first = await source.snapshot();
    jest.setSystemTime(1_000_000 + 29_000);
    await Promise.all([source.snapshot(), source.snapshot()]);
    expect(reads()).toBe(1);
    expect(await source.snapshot()).toBe(first);

    source.invalidate(); // what every catalog trigger pass does before it reads
    const second = await source.snapshot();
    expect(reads()).toBe(2);
    expect(second).not.toBe(first);
  });

  it('reads again once the read is older than its maximum age', async () => {
    const { source, reads } = countingSource(30_000);
    await source.snapshot();
    jest.setSystemTime(1_000_000 + 30_001);
    await source.snapshot();
    expect(reads()).toBe(2);
  });

  it('follows a newer read another replica made, within 2 s, and reads nothing while none did', async () => {
    let stamp: string | undefined;
    const stamps: CatalogReadStamps = {
      latest: async () => stamp,
      record: async fingerprint => {
        stamp = fingerprint;
      },
    };
    let items: Entity[] = testCatalog('p1');
    let reads = 0;
    const replica = () =>
      new CatalogSource(
        {
          getEntities: async () => {
            reads += 1;
            return { items };
          },
        } as any,
        { getOwnServiceCredentials: async () => ({}) } as any,
        30_000,
        undefined,
        stamps,
      );
    const a = replica();
    const b = replica();
    await a.snapshot();
    await b.snapshot();
    jest.setSystemTime(1_000_000 + 5_000);
    await b.snapshot(); // looked at the stamp: same read, nothing fetched
    expect(reads).toBe(2);

    items = testCatalog('p2'); // the catalog changed; A's trigger pass reads it
    a.invalidate();
    const changed = await a.snapshot();
    expect(reads).toBe(3);
    jest.setSystemTime(1_000_000 + 6_000);
    expect(await b.snapshot()).not.toBe(changed); // looked 1 s ago: not yet
    jest.setSystemTime(1_000_000 + 7_001);
    const followed = await b.snapshot();
    expect(reads).toBe(4);
    expect(followed.get('component:default/api')?.spec?.system).toBe(
      changed.get('component:default/api')?.spec?.system,
    );
  });
});

describe('CatalogSource read', () => {
  /** The test catalog as the catalog serves it after a neighbour was processed `pass` times. */
  const restitched = (pass: number) =>
    testCatalog('p1').map(e => ({
      ...e,
      metadata: { ...e.metadata, etag: `etag-${pass}` },
      relations: [
        { type: 'dependencyOf', targetRef: `component:default/x${pass}` },
      ],
      status: { items: [] },
    }));

  it('reads entities without relations, status or etag, which nothing compiles', async () => {
    // An Environment carries a relation or two per component deployed to it: at thousands of
    // components it was the largest entity of every read.
    const entities = restitched(1);
    const source = new CatalogSource(
      catalogServiceMock({ entities }),
      { getOwnServiceCredentials: async () => ({}) } as any,
      30_000,
    );
    const read = await source.snapshot();
    const environment = read.get('environment:default/dev');
    expect(environment?.spec).toEqual(
      entities.find(e => e.kind === 'Environment')?.spec,
    );
    expect(environment).not.toHaveProperty('relations');
    expect(environment).not.toHaveProperty('status');
    expect(environment?.metadata).not.toHaveProperty('etag');
  });

  it('takes a catalog that only restitched its entities for the same catalog', async () => {
    // The relations come back in another order after a neighbour is processed, with a new
    // etag: the resync took that for a catalog change and compiled every deployment again.
    let pass = 1;
    const source = new CatalogSource(
      { getEntities: async () => ({ items: restitched(pass) }) } as any,
      { getOwnServiceCredentials: async () => ({}) } as any,
      -1, // every read fetches afresh
    );
    const deployment = {
      componentRef: 'component:default/api',
      environment: 'dev',
      releaseId: 'r1',
      generation: 1,
      desiredState: 'deployed',
    } as Deployment;
    const before = planInputs(deployment, await source.snapshot());
    pass = 2;
    expect(planInputs(deployment, await source.snapshot())).toBe(before);
  });
});
