import { MemoryRelease } from './MemoryRelease';

const MIB = 2 ** 20;

/** A process whose RSS the test sets, and whose release drops it to `afterRelease`. */
function fakeProcess(startMiB: number) {
  const state = { rss: startMiB * MIB, afterRelease: 0, releases: 0 };
  const reports: [number, number][] = [];
  const deps = {
    rss: () => state.rss,
    release: async () => {
      state.releases++;
      state.rss = state.afterRelease * MIB;
    },
    onRelease: (before: number, after: number) =>
      reports.push([before / MIB, after / MIB]),
  };
  return { state, reports, deps };
}

describe('MemoryRelease', () => {
  it('releases only once RSS has grown past the allowance since the start', async () => {
    const { state, deps } = fakeProcess(300);
    const release = new MemoryRelease(deps, 128 * MIB);
    state.rss = 428 * MIB;
    await release.check();
    expect(state.releases).toBe(0);
    state.rss = 429 * MIB;
    state.afterRelease = 310;
    await release.check();
    expect(state.releases).toBe(1);
  });

  it('measures growth from what the last release left, and reports each release', async () => {
    const { state, reports, deps } = fakeProcess(300);
    const release = new MemoryRelease(deps, 100 * MIB);
    state.rss = 800 * MIB;
    state.afterRelease = 450;
    await release.check();
    // 540 is 240 over the start but only 90 over what the release left: no second release.
    state.rss = 540 * MIB;
    await release.check();
    expect(state.releases).toBe(1);
    state.rss = 551 * MIB;
    state.afterRelease = 460;
    await release.check();
    expect(state.releases).toBe(2);
    expect(reports).toEqual([
      [800, 450],
      [551, 460],
    ]);
  });

  it('never starts a second release while one runs', async () => {
    const { state, deps } = fakeProcess(100);
    let finish = () => {};
    const slow = {
      ...deps,
      release: () =>
        new Promise<void>(resolve => {
          state.releases++;
          finish = resolve;
        }),
    };
    const release = new MemoryRelease(slow, 10 * MIB);
    state.rss = 500 * MIB;
    const first = release.check();
    await release.check();
    expect(state.releases).toBe(1);
    finish();
    await first;
  });

  it('spends at most its share of the time releasing, however fast memory grows', async () => {
    const { state, deps } = fakeProcess(300);
    let now = 0;
    // Each release takes 500 ms, as at 5,000 components; at most 5 % of the time: one per 10 s.
    const timed = {
      ...deps,
      now: () => now,
      release: async () => {
        now += 500;
        await deps.release();
      },
    };
    const release = new MemoryRelease(timed, 48 * MIB, 0.05);
    state.afterRelease = 300;
    for (let second = 0; second < 30; second += 2) {
      now = second * 1000;
      state.rss = 400 * MIB; // grown past the allowance at every check
      await release.check();
    }
    // At 0, 10 and 20 s: not at every check.
    expect(state.releases).toBe(3);
  });
});
