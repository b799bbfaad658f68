import { collectAllAvailableGarbage } from './collectAllAvailableGarbage';

describe('collectAllAvailableGarbage', () => {
  it('frees unreachable objects in this process, without --expose-gc', async () => {
    let garbage: string[][] | undefined = Array.from({ length: 200 }, (_, i) =>
      Array.from({ length: 1000 }, (__, j) => `object ${i}-${j} `.repeat(8)),
    );
    const held = process.memoryUsage().heapUsed;
    expect(garbage.length).toBe(200);
    garbage = undefined;
    await collectAllAvailableGarbage();
    // About 200,000 strings of ~100 characters: well over 20 MB, now unreachable.
    expect(process.memoryUsage().heapUsed).toBeLessThan(held - 20 * 2 ** 20);
    expect(garbage).toBeUndefined();
  });
});
