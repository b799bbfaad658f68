import { Manifest } from '../compiler/types';
import { evaluateTraffic } from './evaluateTraffic';
import { DestinationPod, PodIdentity, TrafficQuery } from './types';

const policy = (namespace: string, name: string, spec: object): Manifest => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name, namespace },
  spec,
});
const namespace = (name: string, labels: Record<string, string>): Manifest => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, labels },
});
const client: PodIdentity = { namespace: 'shop', labels: { app: 'web' } };
const server: DestinationPod = {
  namespace: 'pay',
  labels: { app: 'api' },
  containerPorts: [
    { name: 'http', containerPort: 8080 },
    { name: 'dns', containerPort: 53, protocol: 'UDP' },
  ],
};
const isolateAll = (ns: string): Manifest[] => [
  policy(ns, 'deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
];
const ask = (manifests: Manifest[], more: Partial<TrafficQuery> = {}) =>
  evaluateTraffic({ manifests, from: client, to: server, port: 8080, ...more });

describe('evaluateTraffic', () => {
  it('allows what no policy isolates, and says neither side is isolated', () => {
    expect(ask([])).toEqual({
      allowed: true,
      egress: {
        direction: 'egress',
        allowed: true,
        isolatedBy: [],
        admittedBy: [],
      },
      ingress: {
        direction: 'ingress',
        allowed: true,
        isolatedBy: [],
        admittedBy: [],
      },
    });
  });

  it('names the policies that isolate each side when nothing admits the connection', () => {
    const verdict = ask([...isolateAll('shop'), ...isolateAll('pay')]);
    expect(verdict.allowed).toBe(false);
    expect(verdict.egress.isolatedBy).toEqual([
      { namespace: 'shop', name: 'deny' },
    ]);
    expect(verdict.ingress.isolatedBy).toEqual([
      { namespace: 'pay', name: 'deny' },
    ]);
    expect(verdict.egress.admittedBy).toEqual([]);
  });

  it('names the admitting rule of each side, by index', () => {
    const egress = policy('shop', 'egress-web', {
      podSelector: { matchLabels: { app: 'web' } },
      policyTypes: ['Egress'],
      egress: [
        { to: [{ podSelector: { matchLabels: { app: 'dns' } } }] },
        {
          to: [
            {
              namespaceSelector: { matchLabels: { team: 'payments' } },
              podSelector: { matchLabels: { app: 'api' } },
            },
          ],
          ports: [{ port: 8080 }],
        },
      ],
    });
    const ingress = policy('pay', 'ingress-api', {
      podSelector: { matchLabels: { app: 'api' } },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [
            {
              namespaceSelector: {
                matchLabels: { 'kubernetes.io/metadata.name': 'shop' },
              },
            },
          ],
          ports: [{ port: 8080, protocol: 'TCP' }],
        },
      ],
    });
    const manifests = [
      ...isolateAll('shop'),
      ...isolateAll('pay'),
      egress,
      ingress,
      namespace('pay', { team: 'payments' }),
    ];
    const verdict = ask(manifests);
    expect(verdict.allowed).toBe(true);
    expect(verdict.egress.admittedBy).toEqual([
      { namespace: 'shop', name: 'egress-web', ruleIndex: 1 },
    ]);
    expect(verdict.ingress.admittedBy).toEqual([
      { namespace: 'pay', name: 'ingress-api', ruleIndex: 0 },
    ]);
    // Another port, another protocol, or a namespace without the label: refused.
    expect(ask(manifests, { port: 8081 }).allowed).toBe(false);
    expect(ask(manifests, { protocol: 'UDP' }).allowed).toBe(false);
    expect(ask(manifests.slice(0, -1)).egress.allowed).toBe(false);
  });

  it('admits only when both the egress and the ingress side admit', () => {
    const openIngress = policy('pay', 'open', {
      podSelector: {},
      ingress: [{}],
    });
    const verdict = ask([...isolateAll('shop'), openIngress]);
    expect(verdict.ingress.allowed).toBe(true);
    expect(verdict.egress.allowed).toBe(false);
    expect(verdict.allowed).toBe(false);
  });

  describe('selectors an attacker might try', () => {
    const admitFrom = (from: object[]) => [
      ...isolateAll('pay'),
      policy('pay', 'admit', { podSelector: {}, ingress: [{ from }] }),
    ];

    it('an empty podSelector peer admits every pod of the policy namespace only', () => {
      const manifests = admitFrom([{ podSelector: {} }]);
      expect(ask(manifests).allowed).toBe(false);
      expect(
        ask(manifests, { from: { namespace: 'pay', labels: {} } }).ingress
          .allowed,
      ).toBe(true); // (its own egress is isolated by the namespace's deny policy)
    });

    it('an empty namespaceSelector peer admits every pod of every namespace', () => {
      expect(ask(admitFrom([{ namespaceSelector: {} }])).allowed).toBe(true);
    });

    it('a peer with no selector at all admits nothing (the API server refuses it)', () => {
      expect(ask(admitFrom([{}])).allowed).toBe(false);
    });

    it('NotIn and DoesNotExist hold for a pod without the label', () => {
      const notIn = admitFrom([
        {
          namespaceSelector: {},
          podSelector: {
            matchExpressions: [
              { key: 'role', operator: 'NotIn', values: ['batch'] },
            ],
          },
        },
      ]);
      expect(ask(notIn).allowed).toBe(true); // no `role` label: NotIn holds
      expect(
        ask(notIn, {
          from: { namespace: 'shop', labels: { role: 'batch' } },
        }).allowed,
      ).toBe(false);
      const absent = admitFrom([
        {
          namespaceSelector: {},
          podSelector: {
            matchExpressions: [{ key: 'debug', operator: 'DoesNotExist' }],
          },
        },
      ]);
      expect(ask(absent).allowed).toBe(true);
      expect(
        ask(absent, {
          from: { namespace: 'shop', labels: { debug: '' } },
        }).allowed,
      ).toBe(false); // present with an empty value still exists
    });

    it('ANDs matchLabels and matchExpressions of one selector', () => {
      const manifests = admitFrom([
        {
          namespaceSelector: {},
          podSelector: {
            matchLabels: { app: 'web' },
            matchExpressions: [{ key: 'tier', operator: 'In', values: ['a'] }],
          },
        },
      ]);
      expect(ask(manifests).allowed).toBe(false);
      expect(
        ask(manifests, {
          from: { namespace: 'shop', labels: { app: 'web', tier: 'a' } },
        }).allowed,
      ).toBe(true);
    });

    it('an unknown operator matches nothing', () => {
      const manifests = admitFrom([
        {
          namespaceSelector: {},
          podSelector: { matchExpressions: [{ key: 'app', operator: 'Any' }] },
        },
      ]);
      expect(ask(manifests).allowed).toBe(false);
    });

    it('a pod cannot claim another namespace by carrying its name as a label', () => {
      const manifests = admitFrom([
        {
          namespaceSelector: {
            matchLabels: { 'kubernetes.io/metadata.name': 'trusted' },
          },
        },
      ]);
      expect(
        ask(manifests, {
          from: {
            namespace: 'shop',
            labels: { 'kubernetes.io/metadata.name': 'trusted' },
          },
        }).allowed,
      ).toBe(false);
    });

    it('a Namespace object cannot relabel kubernetes.io/metadata.name', () => {
      const manifests = [
        ...admitFrom([
          {
            namespaceSelector: {
              matchLabels: { 'kubernetes.io/metadata.name': 'trusted' },
            },
          },
        ]),
        namespace('shop', { 'kubernetes.io/metadata.name': 'trusted' }),
      ];
      expect(ask(manifests).allowed).toBe(false);
    });

    it('policies of another namespace do not isolate or admit a pod', () => {
      const elsewhere = policy('other', 'open', {
        podSelector: {},
        ingress: [{}],
      });
      expect(ask([...isolateAll('pay'), elsewhere]).allowed).toBe(false);
      expect(ask([elsewhere]).ingress.isolatedBy).toEqual([]);
    });
  });

  describe('ports', () => {
    const admitPorts = (ports: object[]) => [
      policy('pay', 'admit', { podSelector: {}, ingress: [{ ports }] }),
    ];

    it('resolves a named port against the destination container ports', () => {
      const manifests = admitPorts([{ port: 'http' }]);
      expect(ask(manifests).ingress.admittedBy).toEqual([
        { namespace: 'pay', name: 'admit', ruleIndex: 0 },
      ]);
      expect(ask(manifests, { port: 9090 }).allowed).toBe(false);
      // A port of that name on the source does not count; an unknown name admits nothing.
      expect(ask(admitPorts([{ port: 'metrics' }])).allowed).toBe(false);
    });

    it('matches a named port only with its protocol', () => {
      expect(ask(admitPorts([{ port: 'dns' }]), { port: 53 }).allowed).toBe(
        false,
      );
      expect(
        ask(admitPorts([{ port: 'dns', protocol: 'UDP' }]), {
          port: 53,
          protocol: 'UDP',
        }).allowed,
      ).toBe(true);
    });

    it('resolves an egress named port against the destination too', () => {
      const manifests = [
        policy('shop', 'egress', {
          podSelector: {},
          policyTypes: ['Egress'],
          egress: [{ ports: [{ port: 'http' }] }],
        }),
      ];
      expect(ask(manifests).allowed).toBe(true);
      expect(
        ask(manifests, { to: { ...server, containerPorts: [] } }).allowed,
      ).toBe(false);
    });

    it('assumes a named port matches when the container ports are unknown, and says so', () => {
      const verdict = ask(admitPorts([{ port: 'http' }]), {
        to: { namespace: 'pay', labels: { app: 'api' } },
      });
      expect(verdict.ingress.admittedBy).toEqual([
        {
          namespace: 'pay',
          name: 'admit',
          ruleIndex: 0,
          uncertain: 'namedPort',
        },
      ]);
    });

    it('admits a range up to endPort, inclusive', () => {
      const manifests = admitPorts([{ port: 8000, endPort: 8080 }]);
      expect(
        [7999, 8000, 8080, 8081].map(p => ask(manifests, { port: p }).allowed),
      ).toEqual([false, true, true, false]);
    });

    it('a port entry without a port admits every port of its protocol', () => {
      const manifests = admitPorts([{ protocol: 'UDP' }]);
      expect(ask(manifests, { protocol: 'UDP', port: 1 }).allowed).toBe(true);
      expect(ask(manifests).allowed).toBe(false);
    });
  });

  it('assumes an ipBlock peer matches, and says so', () => {
    const manifests = [
      policy('pay', 'cidr', {
        podSelector: {},
        ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }],
      }),
    ];
    expect(ask(manifests).ingress.admittedBy).toEqual([
      { namespace: 'pay', name: 'cidr', ruleIndex: 0, uncertain: 'ipBlock' },
    ]);
  });

  it('prefers a certain match to an assumed one in the same rule', () => {
    const manifests = [
      policy('pay', 'both', {
        podSelector: {},
        ingress: [
          {
            from: [
              { ipBlock: { cidr: '10.0.0.0/8' } },
              { namespaceSelector: {} },
            ],
          },
        ],
      }),
    ];
    expect(ask(manifests).ingress.admittedBy).toEqual([
      { namespace: 'pay', name: 'both', ruleIndex: 0 },
    ]);
  });

  describe('policyTypes as the API server defaults them', () => {
    it('an egress policy without policyTypes isolates egress, and ingress too', () => {
      const manifests = [
        policy('shop', 'implicit', {
          podSelector: {},
          egress: [{ to: [{ podSelector: { matchLabels: { app: 'x' } } }] }],
        }),
      ];
      const verdict = ask(manifests);
      expect(verdict.egress.isolatedBy).toEqual([
        { namespace: 'shop', name: 'implicit' },
      ]);
      expect(verdict.allowed).toBe(false);
      expect(
        ask(manifests, { from: server, to: { ...client } }).ingress.allowed,
      ).toBe(false);
    });

    it('an empty egress list adds no Egress isolation', () => {
      const manifests = [policy('shop', 'p', { podSelector: {}, egress: [] })];
      expect(ask(manifests).egress.isolatedBy).toEqual([]);
    });
  });

  it('a policy selecting by label isolates only the pods it selects', () => {
    const manifests = [
      policy('pay', 'only-db', {
        podSelector: {
          matchExpressions: [{ key: 'app', operator: 'In', values: ['db'] }],
        },
        policyTypes: ['Ingress'],
      }),
    ];
    expect(ask(manifests).ingress.isolatedBy).toEqual([]);
    expect(
      ask(manifests, { to: { namespace: 'pay', labels: { app: 'db' } } })
        .allowed,
    ).toBe(false);
  });
});
