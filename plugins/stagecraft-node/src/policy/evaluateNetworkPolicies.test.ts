import { isTrafficAllowed } from './evaluateNetworkPolicies';
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
});
