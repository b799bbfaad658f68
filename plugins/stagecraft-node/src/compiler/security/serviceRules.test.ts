import { securityPrivilegeSchema } from '@stagecraft/plugin-stagecraft-common';
import { check as checkIn, NO_ROUTES, scope } from './__fixtures__/check';
import { hardenedPodSpec, IDENTITY, WORKLOADS } from './__fixtures__/workloads';
import { JsonMap } from './podSpecs';

/** `api` serves 8443 (public) and 8080 (organization), as the compiler's Service carries them. */
const ROUTING = {
  ...NO_ROUTES,
  servicePorts: [
    { name: 'http-8443', port: 8443, protocol: 'TCP' as const },
    { name: 'http-8080', port: 8080, protocol: 'TCP' as const },
  ],
};
const check = (object: JsonMap, s = scope({}, [], ROUTING)) =>
  checkIn(object, s);

const service = (spec: Record<string, unknown>) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'mitm', namespace: 'shop-dev', labels: { ...IDENTITY } },
  spec: {
    selector: { 'stagecraft.dev/component': 'api' },
    ports: [{ port: 8443 }],
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
    const everything = scope(
      {
        securityExceptions: [
          { allow: [...securityPrivilegeSchema.options], reason: 'all' },
        ],
      },
      [],
      ROUTING,
    );
    expect(check(service({ type: 'LoadBalancer' }), everything)).toEqual([
      expect.stringContaining('No exception allows it'),
    ]);
  });
});

describe('Service ports a type or trait renders', () => {
  const ports = (...list: unknown[]) => service({ ports: list });
  const refused = (field: string) =>
    expect.stringContaining(
      `trait "t" loosens security in Service shop-dev/mitm: spec.ports[${field}`,
    );

  it("allows an endpoint's port to its own container port, by number, by name or implied", () => {
    expect(
      check(
        ports(
          { name: 'http-8443', port: 8443, targetPort: 8443, protocol: 'TCP' },
          { port: 8080, targetPort: 'http-8080' },
        ),
      ),
    ).toEqual([]);
    expect(check(ports({ port: 8443 }))).toEqual([]);
  });

  it.each([
    [
      { name: 'http-8443', port: 8443, targetPort: 8080 },
      "0].targetPort is 8080, not port 8443's own container port (8443 or http-8443)",
    ],
    [
      { port: 8443, targetPort: 'http-8080' },
      "0].targetPort is http-8080, not port 8443's own container port",
    ],
    [
      { port: 9090, targetPort: 8080 },
      "0].port is 9090, not one of the component's endpoint ports (8443 http-8443, 8080 http-8080)",
    ],
    [
      { name: 'http-8443', port: 8080 },
      '0].name is http-8443, but port 8080 is http-8080',
    ],
    [
      { port: 8443, protocol: 'UDP' },
      '0].protocol is UDP, but endpoint port 8443 is TCP',
    ],
  ])('refuses %j', (port, field) => {
    expect(check(ports(port))).toEqual([refused(field)]);
  });

  it("refuses a container port that takes an endpoint port's name for another number, in every workload kind", () => {
    for (const { object, podPath } of WORKLOADS) {
      const pod = hardenedPodSpec();
      (pod.containers as JsonMap[])[0].ports = [
        { name: 'http-8443', containerPort: 8080 },
      ];
      expect(check(object(pod))).toEqual([
        expect.stringContaining(
          `${podPath}.containers[0].ports[0].containerPort is 8080, but http-8443 is port 8443;`,
        ),
      ]);
    }
  });
});
