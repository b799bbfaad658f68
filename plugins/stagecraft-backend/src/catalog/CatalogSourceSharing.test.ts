import { testCatalog } from '../__testUtils__/entities';
import { CatalogSource } from './CatalogSource';

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
});
