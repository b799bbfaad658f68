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

  it('started, releases at once and counts growth from what that left', async () => {
    const { state, deps } = fakeProcess(360);
    state.afterRelease = 270;
    const release = await MemoryRelease.start(deps, 48 * MIB);
    expect(state.releases).toBe(1);
    // 50 MiB over what the first release left, though 40 under RSS before it.
    state.rss = 320 * MIB;
    state.afterRelease = 250;
    await release.check();
    expect(state.releases).toBe(2);
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

  /** A process whose every release takes `releaseMs` on a clock the test moves. */
  function timedProcess(releaseMs: number) {
    const fake = fakeProcess(300);
    const clock = { now: 0 };
    const deps = {
      ...fake.deps,
      now: () => clock.now,
      release: async () => {
        clock.now += releaseMs;
        await fake.deps.release();
      },
    };
    return { ...fake, clock, deps };
  }

  it('spends at most its share of the time releasing, however fast memory grows', async () => {
    // Each release takes 500 ms, as at 5,000 components; at most 5 % of the time, with 3 s
    // saved for a burst.
    const { state, clock, deps } = timedProcess(500);
    const release = new MemoryRelease(deps, 48 * MIB, 0.05, 3_000);
    state.afterRelease = 300;
    const minutes = 10;
    for (let second = 0; second < minutes * 60; second += 2) {
      clock.now = second * 1000;
      state.rss = 400 * MIB; // grown past the allowance at every check
      await release.check();
    }
    // 5 % of 600 s is 30 s, plus the 3 s saved: 66 releases of 500 ms, not one per check (300).
    expect(state.releases).toBeGreaterThanOrEqual(60);
    expect(state.releases).toBeLessThanOrEqual(66);
  });

  it('saves its share while quiet for a burst, releasing at every check until it is spent', async () => {
    // Each release takes 150 ms, as at 1,000 components.
    const { state, clock, deps } = timedProcess(150);
    const release = new MemoryRelease(deps, 48 * MIB, 0.05, 3_000);
    state.afterRelease = 300;
    clock.now = 60_000; // a quiet minute: nothing grew
    await release.check();
    expect(state.releases).toBe(0);
    // A burst: past the allowance at each of ten checks 2 s apart. Each release spends 150 ms of
    // the budget and 2 s of time gives back 100 ms: all ten are released. Spaced by its own
    // cost (3 s after a 150 ms release), only every other check would have released.
    for (let check = 1; check <= 10; check++) {
      clock.now = 60_000 + check * 2_000;
      state.rss = 400 * MIB;
      await release.check();
    }
    expect(state.releases).toBe(10);
  });
});
