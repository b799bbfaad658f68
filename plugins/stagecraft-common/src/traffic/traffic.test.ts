import { environmentSpecSchema, EnvironmentEntity } from '../kinds';
import { isDependencyPermitted } from './dependencyPermitted';
import { gatewayAudiences, gatewaysRoutingTo } from './gateways';

describe('isDependencyPermitted', () => {
  it('admits every project to organization and public endpoints', () => {
    for (const visibility of ['organization', 'public'] as const)
      expect(
        isDependencyPermitted({
          visibility,
          consumerProject: 'system:default/shop',
          providerProject: 'system:default/payments',
        }),
      ).toBe(true);
  });

  it("admits only the provider's project to a project endpoint", () => {
    const project = (consumerProject?: string, providerProject?: string) =>
      isDependencyPermitted({
        visibility: 'project',
        consumerProject,
        providerProject,
      });
    expect(project('system:default/shop', 'System:Default/Shop')).toBe(true);
    expect(project('system:default/shop', 'system:default/payments')).toBe(
      false,
    );
    expect(project(undefined, 'system:default/payments')).toBe(false);
    expect(project(undefined, undefined)).toBe(false);
  });

  it('tells Systems of one name in two catalog namespaces apart', () => {
    expect(
      isDependencyPermitted({
        visibility: 'project',
        consumerProject: 'system:evil/payments',
        providerProject: 'system:default/payments',
      }),
    ).toBe(false);
  });
});

describe('gatewayAudiences', () => {
  const any = { publicGateway: true };
  it('routes organization endpoints through the internal gateway, public ones through both', () => {
    expect(
      gatewayAudiences({ visibility: 'project', protocol: 'http' }, any),
    ).toEqual([]);
    expect(
      gatewayAudiences({ visibility: 'organization', protocol: 'http' }, any),
    ).toEqual(['internal']);
    expect(
      gatewayAudiences({ visibility: 'public', protocol: 'graphql' }, any),
    ).toEqual(['internal', 'public']);
  });

  it('routes no protocol the HTTP gateways do not carry', () => {
    for (const protocol of ['grpc', 'tcp', 'udp'] as const)
      expect(gatewayAudiences({ visibility: 'public', protocol }, any)).toEqual(
        [],
      );
  });

  it('leaves out the public gateway where the environment has none', () => {
    expect(
      gatewayAudiences(
        { visibility: 'public', protocol: 'http' },
        { publicGateway: false },
      ),
    ).toEqual(['internal']);
  });
});

describe('gatewaysRoutingTo', () => {
  const environment = (gateway: Record<string, unknown>) =>
    ({
      apiVersion: 'stagecraft.dev/v1alpha1',
      kind: 'Environment',
      metadata: { name: 'dev' },
      spec: environmentSpecSchema.parse({ target: 'local', gateway }),
    } as EnvironmentEntity);

  it("gives each routing gateway's host, parent and proxy pods", () => {
    const env = environment({
      internalHost: 'dev.internal',
      publicHost: 'dev.example',
      publicPods: { namespace: 'edge', labels: { proxy: 'public' } },
    });
    const gateways = gatewaysRoutingTo(
      { spec: { visibility: 'public', protocol: 'http' } },
      env,
    );
    expect(gateways.map(g => [g.audience, g.host])).toEqual([
      ['internal', 'dev.internal'],
      ['public', 'dev.example'],
    ]);
    expect(gateways[1].pods).toEqual({
      namespace: 'edge',
      labels: { proxy: 'public' },
    });
    expect(gateways[0].pods.namespace).toBe(env.spec.gateway.namespace);
  });
});
