import { EnvironmentEntity } from '@stagecraft/plugin-stagecraft-common';
import { compileEnvironment } from './compileEnvironment';
import {
  component,
  endpoint,
  environment,
  withSystems,
} from './__fixtures__/entities';
import { reservedNamespaceReason } from './naming';

// A project's namespace is owned by the compiler (labels, Pod Security, default-deny). It must
// never be the namespace of the environment's gateways, nor one of Kubernetes' own.

const gatewayEnvironment = (gateway: Record<string, unknown>) =>
  environment('production', {
    gateway: { internalHost: 'internal.example', ...gateway },
  });

/** The production compile of `project`'s router next to shop's api. */
function compile(project: string, gateway: Record<string, unknown>) {
  return compileEnvironment({
    entities: withSystems([
      gatewayEnvironment(gateway),
      component('router', project),
      endpoint('router-http', 'router'),
      component('api', 'shop'),
    ]),
    environment: 'production',
  });
}

describe('project namespaces the compiler refuses to own', () => {
  it.each([
    ['spec.gateway.namespace', { namespace: 'gateway-production' }],
    [
      'spec.gateway.internalPods.namespace',
      {
        internalPods: {
          namespace: 'gateway-production',
          labels: { app: 'internal-proxy' },
        },
      },
    ],
    [
      'spec.gateway.publicPods.namespace',
      {
        publicHost: 'example.com',
        publicPods: {
          namespace: 'gateway-production',
          labels: { app: 'public-proxy' },
        },
      },
    ],
    [
      'spec.gateway.internalGateway',
      { internalGateway: 'gateway-production/internal' },
    ],
  ])(
    'refuses a System whose namespace is the gateway namespace (%s), naming System, environment and field',
    (field, gateway) => {
      const result = compile('gateway', gateway);
      expect(result.diagnostics).toEqual([
        {
          severity: 'error',
          code: 'reserved-namespace',
          entityRef: 'component:default/router',
          path: 'spec.system',
          environment: 'production',
          message: `component:default/router: System "gateway" would run in namespace "gateway-production" in environment production, but it is a namespace of the environment's gateways (${field}); rename the System or move the gateway`,
        },
      ]);
      // Nothing of it is emitted, least of all a Namespace or default-deny for the gateway's.
      expect(
        result.manifests.filter(m =>
          [m.metadata.namespace, m.metadata.name].includes(
            'gateway-production',
          ),
        ),
      ).toEqual([]);
      // Other projects compile as before.
      expect(
        result.manifests.some(
          m => m.kind === 'Deployment' && m.metadata.name === 'api',
        ),
      ).toBe(true);
    },
  );

  it("does not reserve a Gateway's namespace when endpoints are exposed by Ingress", () => {
    const result = compile('gateway', {
      exposure: 'ingress',
      internalGateway: 'gateway-production/internal',
    });
    expect(result.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
    expect(
      result.manifests.some(
        m => m.kind === 'Namespace' && m.metadata.name === 'gateway-production',
      ),
    ).toBe(true);
  });

  it.each([
    ['kube', 'system', 'kube-system'],
    ['kube', 'public', 'kube-public'],
    ['kube-node', 'lease', 'kube-node-lease'],
    ['kube', 'dev', 'kube-dev'],
  ])(
    'refuses System %s in environment %s: Kubernetes owns %s',
    (project, env, namespace) => {
      const result = compileEnvironment({
        entities: withSystems([environment(env), component('api', project)]),
        environment: env,
      });
      expect(result.manifests).toEqual([]);
      expect(result.diagnostics).toEqual([
        expect.objectContaining({
          code: 'reserved-namespace',
          path: 'spec.system',
          message: `component:default/api: System "${project}" would run in namespace "${namespace}" in environment ${env}, but Kubernetes reserves default and every kube-* namespace (kube-system, kube-public, kube-node-lease); rename the System`,
        }),
      ]);
    },
  );

  it('reserves default too, and leaves an ordinary namespace alone', () => {
    const env = gatewayEnvironment({}) as EnvironmentEntity;
    const withDefaults = {
      ...env,
      spec: {
        ...env.spec,
        gateway: { ...env.spec.gateway, namespace: 'stagecraft-system' },
      },
    } as EnvironmentEntity;
    expect(reservedNamespaceReason('default', withDefaults)).toMatch(
      /^Kubernetes reserves default/,
    );
    expect(reservedNamespaceReason('stagecraft-system', withDefaults)).toMatch(
      /^it is a namespace of the environment's gateways \(spec\.gateway\.namespace\)/,
    );
    expect(
      reservedNamespaceReason('shop-production', withDefaults),
    ).toBeUndefined();
  });

  it("refuses the default gateway namespace, stagecraft-system, for System stagecraft's environment system", () => {
    const result = compileEnvironment({
      entities: withSystems([
        environment('system'),
        component('api', 'stagecraft'),
      ]),
      environment: 'system',
    });
    expect(result.diagnostics.map(d => d.code)).toEqual(['reserved-namespace']);
  });
});
