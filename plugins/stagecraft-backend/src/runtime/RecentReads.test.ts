import { RecentReads } from './RecentReads';

/** A read that resolves when told to, and counts how often it was started. */
function controlledRead<T>() {
  const started: ((value: T | undefined) => void)[] = [];
  const failures: ((error: Error) => void)[] = [];
  const read = () =>
    new Promise<T | undefined>((resolve, reject) => {
      started.push(resolve);
      failures.push(reject);
    });
  return { read, started, failures };
}

describe('RecentReads', () => {
  it('gives callers of one key within maxAgeMs the same read, in flight and settled', async () => {
    let now = 1000;
    const reads = new RecentReads<string>(5000, () => now);
    const { read, started } = controlledRead<string>();

    const first = reads.get('shop-dev', read);
    const second = reads.get('shop-dev', read);
    expect(started).toHaveLength(1);
    started[0]('answer');
    await expect(first).resolves.toBe('answer');
    await expect(second).resolves.toBe('answer');

    now += 4999;
    await expect(reads.get('shop-dev', read)).resolves.toBe('answer');
    expect(started).toHaveLength(1);
  });

  it('reads again once the read is maxAgeMs old, and keeps keys apart', async () => {
    let now = 0;
    const reads = new RecentReads<string>(5000, () => now);
    const { read, started } = controlledRead<string>();

    const dev = reads.get('shop-dev', read);
    const staging = reads.get('shop-staging', read);
    expect(started).toHaveLength(2);
    started[0]('dev 1');
    started[1]('staging 1');
    await expect(dev).resolves.toBe('dev 1');
    await expect(staging).resolves.toBe('staging 1');

    now = 5000;
    const again = reads.get('shop-dev', read);
    expect(started).toHaveLength(3);
    started[2]('dev 2');
    await expect(again).resolves.toBe('dev 2');
    // The old reads are dropped when a later call passes them, not kept until asked for.
    expect(reads.size).toBe(1);
  });

  it('forgets a read that failed or found nothing, so the next caller asks again', async () => {
    const reads = new RecentReads<string>(60_000, () => 0);
    const { read, started, failures } = controlledRead<string>();

    const failing = reads.get('shop-dev', read);
    const sharing = reads.get('shop-dev', read);
    failures[0](new Error('connection refused'));
    await expect(failing).rejects.toThrow('connection refused');
    await expect(sharing).rejects.toThrow('connection refused');

    const unknown = reads.get('shop-dev', read);
    expect(started).toHaveLength(2);
    started[1](undefined);
    await expect(unknown).resolves.toBeUndefined();

    const known = reads.get('shop-dev', read);
    expect(started).toHaveLength(3);
    started[2]('answer');
    await expect(known).resolves.toBe('answer');
    expect(reads.size).toBe(1);
  });

  it('keeps a newer read of a key when an older one, started before it, settles unknown', async () => {
    let now = 0;
    const reads = new RecentReads<string>(5000, () => now);
    const { read, started } = controlledRead<string>();

    const older = reads.get('shop-dev', read);
    now = 5000;
    const newer = reads.get('shop-dev', read);
    expect(started).toHaveLength(2);
    started[0](undefined);
    await expect(older).resolves.toBeUndefined();
    started[1]('answer');

    const later = reads.get('shop-dev', read);
    expect(started).toHaveLength(2);
    await expect(later).resolves.toBe('answer');
    await expect(newer).resolves.toBe('answer');
  });

  it('never serves a read maxAgeMs old, even one left behind a younger-looking one', async () => {
    let now = 10_000;
    const reads = new RecentReads<string>(5000, () => now);
    const { read, started } = controlledRead<string>();
    const dev = reads.get('shop-dev', read);
    // A clock that went back (a test's, or a wall clock set back): the map is out of order.
    now = 0;
    const staging = reads.get('shop-staging', read);
    started[0]('dev 1');
    started[1]('staging 1');
    await Promise.all([dev, staging]);

    now = 5000;
    const again = reads.get('shop-staging', read);
    expect(started).toHaveLength(3);
    started[2]('staging 2');
    await expect(again).resolves.toBe('staging 2');
  });
});
