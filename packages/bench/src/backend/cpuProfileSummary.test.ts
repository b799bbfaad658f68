import { ownerOf, summarizeCpuProfile } from './cpuProfileSummary';

describe('ownerOf', () => {
  it.each([
    ['file:///app/node_modules/knex/lib/client.js', 'knex'],
    [
      '/app/node_modules/@backstage/plugin-catalog-backend/dist/a.cjs.js',
      '@backstage/plugin-catalog-backend',
    ],
    // A dependency of a dependency belongs to the inner package.
    ['/app/node_modules/a/node_modules/@scope/b/index.js', '@scope/b'],
    [
      '/tmp/run/built/plugins/stagecraft-backend/dist/x.cjs.js',
      'plugins/stagecraft-backend',
    ],
    ['node:internal/streams/readable', 'node (built-in modules)'],
  ])('%s belongs to %s', (url, owner) => {
    expect(ownerOf({ functionName: 'f', url })).toBe(owner);
  });

  it("names V8's own entries by themselves", () => {
    expect(ownerOf({ functionName: '(garbage collector)', url: '' })).toBe(
      '(garbage collector)',
    );
  });
});

describe('summarizeCpuProfile', () => {
  it("counts each sample's time (the delta to the next) to its package, idle left out of the busy time", () => {
    const profile = {
      nodes: [
        { id: 1, callFrame: { functionName: '(idle)', url: '' } },
        {
          id: 2,
          callFrame: {
            functionName: 'query',
            url: '/a/node_modules/knex/q.js',
          },
        },
        {
          id: 3,
          callFrame: { functionName: 'compile', url: '/w/plugins/p/dist/c.js' },
        },
      ],
      samples: [2, 3, 1, 2, 3],
      timeDeltas: [0, 1000, 4000, 6000, 2000],
    };
    const summary = summarizeCpuProfile(profile);
    // Samples 2, 3, idle, 2, 3 get 1, 4, 6, 2 and (the last) 0 ms.
    expect(summary.totalMs).toBe(13);
    expect(summary.busyMs).toBe(7);
    expect(summary.byPackage).toEqual([
      { what: 'plugins/p', ms: 4, percent: (100 * 4) / 7 },
      { what: 'knex', ms: 3, percent: (100 * 3) / 7 },
    ]);
    expect(summary.byFunction.map(f => f.what)).toEqual([
      'compile (plugins/p)',
      'query (knex)',
    ]);
  });
});
