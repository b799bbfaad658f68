import { isTrafficAllowed, PodIdentity } from './evaluateNetworkPolicies';
import { Manifest } from '../compiler/types';

const policy = (namespace: string, spec: object): Manifest => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: `p${Math.random()}`, namespace },
  spec,
});
const a = { namespace: 'ns-a', labels: { app: 'a' } };
const b = { namespace: 'ns-b', labels: { app: 'b' } };

describe('isTrafficAllowed', () => {
  it('allows everything without policies', () => {
    expect(isTrafficAllowed({ manifests: [], from: a, to: b, port: 80 })).toBe(
      true,
    );
  });

  it('denies ingress to a pod selected by a policy without rules', () => {
    const manifests = [
      policy('ns-b', {
        podSelector: {},
        policyTypes: ['Ingress'],
        ingress: [],
      }),
    ];
    expect(isTrafficAllowed({ manifests, from: a, to: b, port: 80 })).toBe(
      false,
    );
  });

  it('treats a rule without peers as admitting every peer', () => {
    const manifests = [
      policy('ns-b', {
        podSelector: {},
        policyTypes: ['Ingress'],
        ingress: [{ ports: [{ port: 80 }] }],
      }),
    ];
    expect(isTrafficAllowed({ manifests, from: a, to: b, port: 80 })).toBe(
      true,
    );
    expect(isTrafficAllowed({ manifests, from: a, to: b, port: 81 })).toBe(
      false,
    );
  });

  it('needs both the source egress and the destination ingress', () => {
    const ingress = policy('ns-b', {
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [
            {
              namespaceSelector: {
                matchLabels: { 'kubernetes.io/metadata.name': 'ns-a' },
              },
            },
          ],
        },
      ],
    });
    const denyEgress = policy('ns-a', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [],
    });
    expect(
      isTrafficAllowed({ manifests: [ingress], from: a, to: b, port: 80 }),
    ).toBe(true);
    expect(
      isTrafficAllowed({
        manifests: [ingress, denyEgress],
        from: a,
        to: b,
        port: 80,
      }),
    ).toBe(false);
  });

  it("matches a pod-only peer in the policy's own namespace only", () => {
    const manifests = [
      policy('ns-b', {
        podSelector: {},
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ podSelector: { matchLabels: { app: 'a' } } }] }],
      }),
    ];
    expect(isTrafficAllowed({ manifests, from: a, to: b, port: 80 })).toBe(
      false,
    );
    expect(
      isTrafficAllowed({
        manifests,
        from: { namespace: 'ns-b', labels: { app: 'a' } },
        to: b,
        port: 80,
      }),
    ).toBe(true);
  });

  describe('peers', () => {
    const gatewayNamespace = {
      matchLabels: { 'kubernetes.io/metadata.name': 'gw' },
    };
    const internalProxies = { matchLabels: { gateway: 'internal' } };
    const admitting = (from: object[]) => [
      policy('ns-b', {
        podSelector: {},
        policyTypes: ['Ingress'],
        ingress: [{ from }],
      }),
    ];
    const reaches = (manifests: Manifest[], pod: PodIdentity) =>
      isTrafficAllowed({ manifests, from: pod, to: b, port: 80 });
    const proxy = { namespace: 'gw', labels: { gateway: 'internal' } };
    const publicProxy = { namespace: 'gw', labels: { gateway: 'public' } };
    const impostor = { namespace: 'ns-a', labels: { gateway: 'internal' } };

    it('ANDs the namespace and pod selectors of one peer', () => {
      const manifests = admitting([
        { namespaceSelector: gatewayNamespace, podSelector: internalProxies },
      ]);
      expect(reaches(manifests, proxy)).toBe(true);
      expect(reaches(manifests, publicProxy)).toBe(false); // right namespace, wrong pod
      expect(reaches(manifests, impostor)).toBe(false); // right pod labels, wrong namespace
    });

    it('ORs separate peers', () => {
      const manifests = admitting([
        { namespaceSelector: gatewayNamespace },
        { podSelector: internalProxies },
      ]);
      expect(reaches(manifests, publicProxy)).toBe(true); // any pod of the namespace
      expect(
        reaches(manifests, {
          namespace: 'ns-b',
          labels: { gateway: 'internal' },
        }),
      ).toBe(true); // the labelled pod of the policy's own namespace
      expect(reaches(manifests, impostor)).toBe(false);
    });

    it('reads namespace labels from Namespace objects, as a cluster stores them', () => {
      const manifests = [
        ...admitting([
          {
            namespaceSelector: { matchLabels: { tier: 'edge' } },
            podSelector: internalProxies,
          },
        ]),
        {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: 'gw', labels: { tier: 'edge' } },
        },
      ];
      expect(reaches(manifests, proxy)).toBe(true);
      expect(reaches(manifests, impostor)).toBe(false);
    });

    it('evaluates matchExpressions', () => {
      const manifests = admitting([
        {
          namespaceSelector: {
            matchExpressions: [
              {
                key: 'kubernetes.io/metadata.name',
                operator: 'In',
                values: ['gw'],
              },
            ],
          },
          podSelector: {
            matchExpressions: [
              { key: 'gateway', operator: 'Exists' },
              { key: 'gateway', operator: 'NotIn', values: ['public'] },
              { key: 'debug', operator: 'DoesNotExist' },
            ],
          },
        },
      ]);
      expect(reaches(manifests, proxy)).toBe(true);
      expect(reaches(manifests, publicProxy)).toBe(false);
      expect(
        reaches(manifests, {
          namespace: 'gw',
          labels: { gateway: 'internal', debug: 'yes' },
        }),
      ).toBe(false);
      expect(reaches(manifests, { namespace: 'gw', labels: {} })).toBe(false);
    });
  });

  describe('policyTypes defaulted as the API server does', () => {
    // pkg/apis/networking/v1/defaults.go: if len(policyTypes) == 0, then Ingress, plus Egress
    // if len(egress) != 0. Both tests are on length: absent and empty are alike.
    const allowed = (
      manifests: Manifest[],
      from: PodIdentity,
      to: PodIdentity,
    ) => isTrafficAllowed({ manifests, from, to, port: 80 });
    const toNobody = [{ to: [{ podSelector: { matchLabels: { app: 'x' } } }] }];

    it('is Ingress alone without egress rules', () => {
      const ingressOnly = policy('ns-b', { podSelector: {}, ingress: [] });
      expect(allowed([ingressOnly], a, b)).toBe(false);
    });

    it('adds Egress when there is at least one egress rule', () => {
      const withEgress = policy('ns-a', { podSelector: {}, egress: toNobody });
      expect(allowed([withEgress], a, b)).toBe(false);
    });

    it('does not add Egress for an empty egress list', () => {
      const emptyEgress = policy('ns-a', { podSelector: {}, egress: [] });
      expect(allowed([emptyEgress], a, b)).toBe(true);
      // Still an Ingress policy for the pods it selects.
      expect(allowed([emptyEgress], b, a)).toBe(false);
    });

    it('treats an empty policyTypes as absent, not as selecting nothing', () => {
      const ingress = policy('ns-b', {
        podSelector: {},
        policyTypes: [],
        ingress: [],
      });
      expect(allowed([ingress], a, b)).toBe(false);
      const egress = policy('ns-a', {
        podSelector: {},
        policyTypes: [],
        egress: toNobody,
      });
      expect(allowed([egress], a, b)).toBe(false);
      expect(allowed([egress], b, a)).toBe(false);
    });

    it('keeps policyTypes that are given, rules or not', () => {
      const egressOnly = policy('ns-a', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [],
      });
      expect(allowed([egressOnly], a, b)).toBe(false);
      expect(allowed([egressOnly], b, a)).toBe(true);
    });
  });

  it('admits a port range up to endPort', () => {
    const manifests = [
      policy('ns-b', {
        podSelector: {},
        policyTypes: ['Ingress'],
        ingress: [{ ports: [{ port: 8000, endPort: 8010, protocol: 'TCP' }] }],
      }),
    ];
    const on = (port: number) =>
      isTrafficAllowed({ manifests, from: a, to: b, port });
    expect([on(7999), on(8000), on(8010), on(8011)]).toEqual([
      false,
      true,
      true,
      false,
    ]);
  });

  it('errs towards "allowed" where labels cannot decide: ipBlock peers and named ports', () => {
    const ipBlock = policy('ns-b', {
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }],
    });
    const namedPort = policy('ns-b', {
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [{ ports: [{ port: 'http', protocol: 'TCP' }] }],
    });
    for (const manifests of [[ipBlock], [namedPort]])
      expect(isTrafficAllowed({ manifests, from: a, to: b, port: 80 })).toBe(
        true,
      );
  });
});
