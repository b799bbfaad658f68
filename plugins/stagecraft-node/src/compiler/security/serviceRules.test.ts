import { securityPrivilegeSchema } from '@stagecraft/plugin-stagecraft-common';
import { check, scope } from './__fixtures__/check';
import { IDENTITY } from './__fixtures__/workloads';

const service = (spec: Record<string, unknown>) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'mitm', namespace: 'shop-dev', labels: { ...IDENTITY } },
  spec: {
    selector: { 'stagecraft.dev/component': 'api' },
    ports: [{ port: 53 }],
    ...spec,
  },
});

describe('Services a type or trait renders', () => {
  it.each([
    [{ type: 'NodePort' }, 'spec.type is NodePort, not ClusterIP'],
    [{ type: 'LoadBalancer' }, 'spec.type is LoadBalancer, not ClusterIP'],
    [{ externalIPs: ['8.8.8.8'] }, 'spec.externalIPs is ["8.8.8.8"]; '],
    [
      { type: 'ExternalName', externalName: 'ledger.payments.svc' },
      'spec.type is ExternalName; ',
    ],
  ])('refuses %j', (spec, field) => {
    const violations = check(service(spec));
    expect(violations).toContainEqual(
      expect.stringContaining(
        `trait "t" loosens security in Service shop-dev/mitm: ${field}`,
      ),
    );
  });

  it('names each field of a NodePort Service that also claims external IPs', () => {
    expect(
      check(service({ type: 'NodePort', externalIPs: ['8.8.8.8'] })),
    ).toEqual([
      expect.stringContaining('spec.type is NodePort, not ClusterIP'),
      expect.stringContaining('spec.externalIPs is ["8.8.8.8"]'),
    ]);
  });

  it('allows ClusterIP Services, headless ones included, and no Environment exception opens the others', () => {
    expect(check(service({}))).toEqual([]);
    expect(check(service({ type: 'ClusterIP', clusterIP: 'None' }))).toEqual(
      [],
    );
    const everything = scope({
      securityExceptions: [
        { allow: [...securityPrivilegeSchema.options], reason: 'all' },
      ],
    });
    expect(check(service({ type: 'LoadBalancer' }), everything)).toEqual([
      expect.stringContaining('No exception allows it'),
    ]);
  });
});
