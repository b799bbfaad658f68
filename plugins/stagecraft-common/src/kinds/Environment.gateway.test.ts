import { environmentSpecSchema } from './Environment';

const spec = (gateway: Record<string, unknown>) => ({
  target: 'local',
  gateway: { internalHost: 'in.example', ...gateway },
});
const problems = (gateway: Record<string, unknown>) => {
  const result = environmentSpecSchema.safeParse(spec(gateway));
  return result.success
    ? []
    : result.error.issues.map(i => `${i.path.join('.')}: ${i.message}`);
};

describe('Environment gateway pods', () => {
  it('selects the internal and the public proxies apart by default', () => {
    const gateway = environmentSpecSchema.parse(spec({})).gateway;
    expect(gateway.internalPods).toEqual({
      labels: { 'stagecraft.dev/gateway': 'internal' },
    });
    expect(gateway.publicPods).toEqual({
      labels: { 'stagecraft.dev/gateway': 'public' },
    });
  });

  it.each([
    ['the same selector', { app: 'proxy' }, { app: 'proxy' }],
    [
      'internal labels that every public proxy also carries',
      { app: 'proxy' },
      { app: 'proxy', tier: 'public' },
    ],
  ])(
    'refuses %s in one namespace: the public proxies would reach organization endpoints',
    (_, internal, external) => {
      expect(
        problems({
          internalPods: { labels: internal },
          publicPods: { labels: external },
        }),
      ).toEqual([
        expect.stringMatching(
          /^gateway\.publicPods: the public gateway's pods would also match internalPods/,
        ),
      ]);
    },
  );

  it('accepts the same labels in separate namespaces, and overlapping labels the internal proxies narrow', () => {
    expect(
      problems({
        internalPods: { namespace: 'gw-internal', labels: { app: 'proxy' } },
        publicPods: { namespace: 'gw-public', labels: { app: 'proxy' } },
      }),
    ).toEqual([]);
    expect(
      problems({
        internalPods: { labels: { app: 'proxy', tier: 'internal' } },
        publicPods: { labels: { app: 'proxy' } },
      }),
    ).toEqual([]);
  });

  it.each([
    ['a key with spaces', { 'gate way': 'internal' }, /label key/],
    ['a key with two slashes', { 'a/b/c': 'x' }, /label key/],
    ['an upper-case prefix', { 'Example.com/gw': 'x' }, /label key/],
    ['a 64-character name', { ['k'.repeat(64)]: 'x' }, /label key/],
    ['a value with a newline', { gw: 'internal\nx: y' }, /label value/],
    ['a 64-character value', { gw: 'v'.repeat(64) }, /label value/],
    ['no label at all', {}, /at least one label/],
  ])('refuses %s with a clear message', (_, labels, message) => {
    expect(problems({ internalPods: { labels } })).toEqual([
      expect.stringMatching(message),
    ]);
    expect(problems({ internalPods: { labels } })[0]).toMatch(
      /^gateway\.internalPods\.labels/,
    );
  });

  it('accepts prefixed keys and empty values, as Kubernetes does', () => {
    expect(
      problems({
        internalPods: {
          labels: { 'gateway.example.com/role': 'internal', edge: '' },
        },
      }),
    ).toEqual([]);
  });
});
