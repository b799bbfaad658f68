import {
  EndpointEntity,
  EnvironmentEntity,
} from '@stagecraft/plugin-stagecraft-common';
import {
  isTrafficAllowed,
  PodIdentity,
} from '../policy/evaluateNetworkPolicies';
import { CatalogIndex } from './CatalogIndex';
import { compileEnvironment } from './compileEnvironment';
import { loadExampleCatalog } from './__fixtures__/exampleCatalog';
import {
  component,
  endpoint,
  environment,
  withSystems,
} from './__fixtures__/entities';
import { Manifest } from './types';

const catalog = loadExampleCatalog();
const index = new CatalogIndex(catalog);

/** The proxy pods an environment declares, and two impostors the policies must refuse. */
function gatewayPods(env: EnvironmentEntity): Record<string, PodIdentity> {
  const gateway = env.spec.gateway;
  return {
    internal: {
      namespace: gateway.internalPods.namespace ?? gateway.namespace,
      labels: { ...gateway.internalPods.labels, app: 'proxy' },
    },
    public: {
      namespace: gateway.publicPods.namespace ?? gateway.namespace,
      labels: { ...gateway.publicPods.labels, app: 'proxy' },
    },
    // Anything else running in the gateway namespace: a debug pod, a sidecar job.
    unlabelled: { namespace: gateway.namespace, labels: { app: 'proxy' } },
    // The internal gateway's labels on a pod outside the gateway namespace.
    elsewhere: {
      namespace: 'default',
      labels: { ...gateway.internalPods.labels },
    },
  };
}

/** Which of those pods may reach an endpoint, by the policies' verdict. */
function reachers(
  manifests: Manifest[],
  env: EnvironmentEntity,
  target: EndpointEntity,
): string[] {
  const workload = manifests.find(
    m =>
      m.kind === 'Deployment' &&
      m.metadata.name === target.spec.component &&
      m.metadata.namespace?.endsWith(`-${env.metadata.name}`),
  )!;
  const to = {
    namespace: workload.metadata.namespace!,
    labels: (workload.spec as any).template.metadata.labels,
  };
  return Object.entries(gatewayPods(env))
    .filter(([, from]) =>
      isTrafficAllowed({ manifests, from, to, port: target.spec.port }),
    )
    .map(([name]) => name);
}

describe('gateway separation on the example organisation', () => {
  it.each(['dev', 'staging', 'production'])(
    'in %s, organization endpoints admit only the internal gateway, public ones both, project ones neither',
    name => {
      const env = index.environment(name)!;
      const { manifests } = compileEnvironment({
        entities: withSystems(catalog),
        environment: name,
      });
      const deployed = new Set(
        manifests
          .filter(m => m.kind === 'Deployment')
          .map(m => m.metadata.name),
      );
      const endpoints = catalog
        .map(e => index.endpoint(`endpoint:default/${e.metadata.name}`))
        .filter(
          (e): e is EndpointEntity =>
            e !== undefined &&
            e.spec.protocol === 'http' &&
            deployed.has(e.spec.component),
        );
      const expected = {
        project: [],
        organization: ['internal'],
        public: ['internal', 'public'],
      };
      const seen = new Set<string>();
      for (const target of endpoints) {
        seen.add(target.spec.visibility);
        expect(
          `${target.metadata.name} (${target.spec.visibility}): ${reachers(
            manifests,
            env,
            target,
          ).join(', ')}`,
        ).toBe(
          `${target.metadata.name} (${target.spec.visibility}): ${expected[
            target.spec.visibility
          ].join(', ')}`,
        );
      }
      // The example must exercise every visibility, or this test proves nothing.
      expect([...seen].sort()).toEqual(['organization', 'project', 'public']);
    },
  );

  it('selects proxies in per-gateway namespaces and by the labels the Environment names', () => {
    const env = environment('dev', {
      gateway: {
        internalHost: 'in.example',
        publicHost: 'www.example',
        internalPods: { namespace: 'gw-internal', labels: { role: 'in' } },
        publicPods: { namespace: 'gw-public', labels: { role: 'out' } },
      },
    });
    const entities = [
      env,
      component('orders', 'shop'),
      endpoint('orders-http', 'orders', { visibility: 'organization' }),
      component('web', 'shop', { type: 'web-app' }),
      endpoint('web-http', 'web', { visibility: 'public' }),
    ];
    const { manifests } = compileEnvironment({
      entities: withSystems(entities),
      environment: 'dev',
    });
    const parsed = new CatalogIndex(entities);
    const reach = (name: string) =>
      reachers(
        manifests,
        parsed.environment('dev')!,
        parsed.endpoint(`endpoint:default/${name}`)!,
      );
    expect(reach('orders-http')).toEqual(['internal']);
    expect(reach('web-http')).toEqual(['internal', 'public']);
    // The public labels in the internal gateway's namespace are not the public gateway.
    expect(
      isTrafficAllowed({
        manifests,
        from: { namespace: 'gw-internal', labels: { role: 'out' } },
        to: {
          namespace: 'shop-dev',
          labels: { 'stagecraft.dev/component': 'web' },
        },
        port: 8080,
      }),
    ).toBe(false);
  });

  it('admits no gateway to an endpoint no gateway routes to (a gRPC endpoint, a public one without a public host)', () => {
    const { manifests } = compileEnvironment({
      entities: withSystems([
        environment('dev', { gateway: { internalHost: 'in.example' } }),
        component('ledger', 'payments'),
        endpoint('ledger-grpc', 'ledger', {
          protocol: 'grpc',
          visibility: 'organization',
        }),
        endpoint('ledger-http', 'ledger', {
          port: 8081,
          visibility: 'public',
        }),
      ]),
      environment: 'dev',
    });
    const from = (name: string) =>
      (
        manifests.find(
          m => m.kind === 'NetworkPolicy' && m.metadata.name === name,
        ) as any
      ).spec.ingress.flatMap((r: any) => r.from);
    expect(from('ingress-ledger-grpc')).toEqual([]);
    expect(from('ingress-ledger-http')).toEqual([
      {
        namespaceSelector: {
          matchLabels: { 'kubernetes.io/metadata.name': 'stagecraft-system' },
        },
        podSelector: { matchLabels: { 'stagecraft.dev/gateway': 'internal' } },
      },
    ]);
  });
});
