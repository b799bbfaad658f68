import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import { compileEnvironment } from './compileEnvironment';
import { component, environment, withSystems } from './__fixtures__/entities';

/** A Trait or ComponentType entity, as the platform team would put it in the catalog. */
const template = (
  kind: 'Trait' | 'ComponentType',
  name: string,
  spec: Record<string, unknown>,
): Entity => ({
  apiVersion: 'stagecraft.dev/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec: spec as JsonObject,
});

/** A trait that deep-merges `pod` into the pod spec of the component's workload. */
const podTrait = (
  name: string,
  pod: Record<string, unknown>,
  kind = 'Deployment',
) =>
  template('Trait', name, {
    patches: [
      {
        target: { kind },
        merge:
          kind === 'CronJob'
            ? { spec: { jobTemplate: { spec: { template: { spec: pod } } } } }
            : { spec: { template: { spec: pod } } },
      },
    ],
  });

const mainContainer = (securityContext: Record<string, unknown>) => ({
  containers: [{ name: 'main', securityContext }],
});

const devWith = (policy: Record<string, unknown> = {}) =>
  environment('dev', {
    policy: {
      defaultResources: {
        requests: { cpu: '10m', memory: '16Mi' },
        limits: { memory: '64Mi' },
      },
      ...policy,
    },
  });

const withTraits = (
  name: string,
  traits: string[],
  type = 'service',
  deploy: Record<string, unknown> = {},
) =>
  component(name, 'shop', {
    type,
    deploy: {
      image: `registry.example/${name}:1`,
      traits: traits.map(t => ({ name: t })),
      ...deploy,
    },
  });

function compile(entities: Entity[]) {
  const result = compileEnvironment({
    entities: withSystems(entities),
    environment: 'dev',
  });
  return {
    manifests: result.manifests,
    errors: result.diagnostics
      .filter(d => d.severity === 'error')
      .map(d => `${d.entityRef} ${d.message}`),
  };
}

const rendered = (manifests: { kind: string }[], kind: string) =>
  manifests.find(m => m.kind === kind) as any;

describe('compileEnvironment: traits and component types cannot loosen security', () => {
  it('refuses a trait that makes the Deployment privileged, naming the trait, the object and the field, and renders nothing of the component', () => {
    const { manifests, errors } = compile([
      devWith(),
      podTrait('debug-shell', mainContainer({ privileged: true })),
      withTraits('api', ['debug-shell']),
    ]);
    expect(errors).toEqual([
      expect.stringMatching(
        /^component:default\/api component:default\/api: trait "debug-shell" loosens security in Deployment shop-dev\/api: spec\.template\.spec\.containers\[0\]\.securityContext\.privileged is true; .* allow: \[privileged\]/,
      ),
    ]);
    expect(manifests.filter(m => m.metadata.name === 'api')).toEqual([]);
  });

  it('refuses an init container a trait adds that runs as user 0', () => {
    const init = {
      name: 'migrate',
      image: 'registry.example/migrate:1',
      securityContext: {
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
        readOnlyRootFilesystem: true,
        runAsUser: 0,
      },
    };
    const { errors } = compile([
      devWith(),
      podTrait('migrations', { initContainers: [init] }),
      withTraits('api', ['migrations']),
    ]);
    expect(errors).toEqual([
      expect.stringContaining(
        'trait "migrations" loosens security in Deployment shop-dev/api: spec.template.spec.initContainers[0].securityContext.runAsUser is 0 (root)',
      ),
    ]);
  });

  it("refuses hostPID on a scheduled job's CronJob", () => {
    const { errors } = compile([
      devWith(),
      podTrait('profiler', { hostPID: true }, 'CronJob'),
      withTraits('report', ['profiler'], 'scheduled-job', {
        schedule: '0 3 * * *',
      }),
    ]);
    expect(errors).toEqual([
      expect.stringContaining(
        'trait "profiler" loosens security in CronJob shop-dev/report: spec.jobTemplate.spec.template.spec.hostPID is true',
      ),
    ]);
  });

  it.each([
    [
      'a hostPath volume',
      {
        volumes: [
          { name: 'docker', hostPath: { path: '/var/run/docker.sock' } },
        ],
      },
      "spec.template.spec.volumes[0].hostPath mounts the node's /var/run/docker.sock",
    ],
    [
      'an added NET_ADMIN capability',
      mainContainer({ capabilities: { add: ['NET_ADMIN'] } }),
      'spec.template.spec.containers[0].securityContext.capabilities.add adds ["NET_ADMIN"]',
    ],
    [
      'hostNetwork',
      { hostNetwork: true },
      'spec.template.spec.hostNetwork is true',
    ],
    [
      'allowPrivilegeEscalation: true',
      mainContainer({ allowPrivilegeEscalation: true }),
      'spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation is true',
    ],
    [
      'runAsNonRoot flipped back to false',
      mainContainer({ runAsNonRoot: false }),
      'spec.template.spec.containers[0].securityContext.runAsNonRoot is false',
    ],
  ])('refuses a trait that adds %s', (_, pod, field) => {
    const { errors } = compile([
      devWith(),
      podTrait('loose', pod),
      withTraits('api', ['loose']),
    ]);
    expect(errors).toEqual([
      expect.stringContaining(
        `trait "loose" loosens security in Deployment shop-dev/api: ${field}`,
      ),
    ]);
  });

  it('refuses a trait that removes the securityContext the compiler set', () => {
    const { errors } = compile([
      devWith(),
      podTrait('bare', mainContainer(null as never)),
      withTraits('api', ['bare']),
    ]);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringContaining(
          'containers[0].securityContext.allowPrivilegeEscalation is unset (Kubernetes then allows escalation)',
        ),
        expect.stringContaining(
          'containers[0].securityContext.capabilities.drop is unset',
        ),
        expect.stringContaining(
          'containers[0].securityContext.readOnlyRootFilesystem is unset',
        ),
      ]),
    );
  });

  it("refuses a sidecar a trait adds without the compiler's hardening", () => {
    const { errors } = compile([
      devWith(),
      podTrait('proxy', {
        containers: [{ name: 'proxy', image: 'registry.example/proxy:1' }],
      }),
      withTraits('api', ['proxy']),
    ]);
    expect(errors.length).toBeGreaterThan(0);
    expect(
      errors.every(e =>
        e.includes(
          'trait "proxy" loosens security in Deployment shop-dev/api: spec.template.spec.containers[1].',
        ),
      ),
    ).toBe(true);
  });

  it('names the component type when the type loosens security', () => {
    const { errors } = compile([
      devWith(),
      template('ComponentType', 'service', {
        workload: 'deployment',
        patches: [
          {
            target: { kind: 'Deployment' },
            merge: { spec: { template: { spec: { hostIPC: true } } } },
          },
        ],
      }),
      withTraits('api', []),
    ]);
    expect(errors).toEqual([
      expect.stringContaining(
        'component type "service" loosens security in Deployment shop-dev/api: spec.template.spec.hostIPC is true',
      ),
    ]);
  });

  it('blames the trait that patches an object the type generated, and a later trait that re-loosens what an earlier one set', () => {
    const { errors } = compile([
      devWith(),
      template('ComponentType', 'service', {
        workload: 'deployment',
        creates: [
          {
            id: 'sidecar-deployment',
            template: {
              apiVersion: 'apps/v1',
              kind: 'Deployment',
              metadata: { name: '${component.name}-cache' },
              spec: {
                selector: { matchLabels: '${component.selector}' },
                template: {
                  metadata: { labels: '${component.labels}' },
                  spec: {
                    securityContext: {
                      runAsNonRoot: true,
                      seccompProfile: { type: 'RuntimeDefault' },
                    },
                    containers: [
                      {
                        name: 'cache',
                        image: 'registry.example/cache:1',
                        securityContext: {
                          allowPrivilegeEscalation: false,
                          capabilities: { drop: ['ALL'] },
                          readOnlyRootFilesystem: true,
                        },
                      },
                    ],
                  },
                },
              },
            },
          },
        ],
      }),
      template('Trait', 'harden', {
        patches: [
          {
            target: { kind: 'Deployment' },
            merge: { spec: { template: { spec: { hostNetwork: false } } } },
          },
        ],
      }),
      template('Trait', 'cache-host-network', {
        patches: [
          {
            target: { kind: 'Deployment', name: 'api-cache' },
            merge: { spec: { template: { spec: { hostNetwork: true } } } },
          },
        ],
      }),
      withTraits('api', ['harden', 'cache-host-network']),
    ]);
    expect(errors).toEqual([
      expect.stringContaining(
        'trait "cache-host-network" loosens security in Deployment shop-dev/api-cache: spec.template.spec.hostNetwork is true',
      ),
    ]);
  });

  it('compiles what the Environment grants to the component, exactly as the trait wrote it', () => {
    const { manifests, errors } = compile([
      devWith({
        securityExceptions: [
          {
            components: ['component:default/api'],
            allow: ['privileged', 'hostNetwork'],
            reason: 'the node agent needs the host network stack',
          },
        ],
      }),
      podTrait('node-agent', {
        hostNetwork: true,
        ...mainContainer({ privileged: true }),
      }),
      withTraits('api', ['node-agent']),
    ]);
    expect(errors).toEqual([]);
    const pod = rendered(manifests, 'Deployment').spec.template.spec;
    expect(pod.hostNetwork).toBe(true);
    expect(pod.containers[0].securityContext.privileged).toBe(true);
  });

  it('does not let an exception for another component apply, and says which exception would be needed', () => {
    const { manifests, errors } = compile([
      devWith({
        securityExceptions: [
          {
            components: ['node-agent'],
            allow: ['privileged'],
            reason: 'the node agent manages the host',
          },
        ],
      }),
      podTrait('debug-shell', mainContainer({ privileged: true })),
      withTraits('node-agent', ['debug-shell']),
      withTraits('api', ['debug-shell']),
    ]);
    expect(errors).toEqual([
      expect.stringContaining(
        'component:default/api component:default/api: trait "debug-shell" loosens security in Deployment shop-dev/api: spec.template.spec.containers[0].securityContext.privileged is true; a privileged or host-process container controls the node. Only Environment "dev" can allow it, with spec.policy.securityExceptions: [{ components: [component:default/api], allow: [privileged], reason: … }] (its exception for privileged covers node-agent only)',
      ),
    ]);
    expect(manifests.some(m => m.metadata.name === 'node-agent')).toBe(true);
  });

  it("holds the Environment's read-only-root guardrail against traits, and lets the Environment relax it", () => {
    const entities = [
      podTrait('writable', mainContainer({ readOnlyRootFilesystem: false })),
      withTraits('api', ['writable']),
    ];
    expect(compile([devWith(), ...entities]).errors).toEqual([
      expect.stringContaining(
        'spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem is false, not true; the Environment requires read-only root filesystems. Only Environment "dev" can relax this, for all its components, with spec.policy.readOnlyRootFilesystem: false',
      ),
    ]);
    expect(
      compile([devWith({ readOnlyRootFilesystem: false }), ...entities]).errors,
    ).toEqual([]);
  });
});
