import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import { componentDeploySchema } from '@stagecraft/plugin-stagecraft-common';
import { compileEnvironment } from './compileEnvironment';
import { component, endpoint, environment } from './__fixtures__/entities';

/**
 * What a trait may not do to a component's identity, its neighbours and the compile itself:
 * relabel pods, select a sibling's pods, mount node volumes, open Services outside the
 * gateway, render one object twice, or be listed without bound.
 */

const trait = (name: string, spec: Record<string, unknown>): Entity => ({
  apiVersion: 'stagecraft.dev/v1alpha1',
  kind: 'Trait',
  metadata: { name, namespace: 'default' },
  spec: spec as JsonObject,
});

const patchDeployment = (name: string, merge: Record<string, unknown>) =>
  trait(name, { patches: [{ target: { kind: 'Deployment' }, merge }] });

const creates = (name: string, template: Record<string, unknown>) =>
  trait(name, { creates: [{ id: 'x', template }] });

const withTraits = (name: string, traits: string[]) =>
  component(name, 'shop', {
    deploy: {
      image: `registry.example/${name}:1`,
      traits: traits.map(t => ({ name: t })),
    },
  });

/** The project every component here belongs to. */
const shop: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'shop', namespace: 'default' },
  spec: { owner: 'team' },
};

function compile(entities: Entity[], env = environment('dev')) {
  const result = compileEnvironment({
    entities: [env, shop, ...entities],
    environment: 'dev',
  });
  const errors = result.diagnostics.filter(d => d.severity === 'error');
  return {
    manifests: result.manifests,
    errors: errors.map(d => `${d.path} ${d.message}`),
    codes: errors.map(d => d.code),
  };
}

describe('a trait cannot take on another component’s identity', () => {
  it('refuses the reviewer’s patch of the selector and pod labels to a sibling’s, naming trait, object and fields, and renders nothing of the component', () => {
    const { manifests, errors } = compile([
      patchDeployment('impersonate', {
        spec: {
          selector: { matchLabels: { 'stagecraft.dev/component': 'ledger' } },
          template: {
            metadata: { labels: { 'stagecraft.dev/component': 'ledger' } },
          },
        },
      }),
      withTraits('api', ['impersonate']),
      component('ledger', 'shop'),
    ]);
    expect(errors).toEqual([
      expect.stringContaining(
        'spec.deploy.traits[0] component:default/api: trait "impersonate" loosens security in Deployment shop-dev/api: spec.selector.matchLabels["stagecraft.dev/component"] is ledger, not api;',
      ),
      expect.stringContaining(
        'trait "impersonate" loosens security in Deployment shop-dev/api: spec.template.metadata.labels["stagecraft.dev/component"] is ledger, not api;',
      ),
    ]);
    expect(manifests.filter(m => m.metadata.name === 'api')).toEqual([]);
  });

  it('refuses a created object labelled as another project’s, and a Service that sends traffic to a sibling’s pods', () => {
    const { errors } = compile([
      creates('relabel', {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          name: 'x',
          labels: { 'stagecraft.dev/endpoint': 'ledger-http' },
        },
      }),
      creates('steal', {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'steal' },
        spec: {
          selector: { 'stagecraft.dev/component': 'ledger' },
          ports: [{ port: 80 }],
        },
      }),
      withTraits('api', ['relabel']),
      withTraits('web', ['steal']),
      component('ledger', 'shop'),
      endpoint('ledger-http', 'ledger'),
    ]);
    expect(errors).toEqual([
      expect.stringContaining(
        'trait "relabel" loosens security in ConfigMap shop-dev/x: metadata.labels["stagecraft.dev/endpoint"] is ledger-http, not an endpoint the component serves (none)',
      ),
      expect.stringContaining(
        'trait "steal" loosens security in Service shop-dev/steal: spec.ports[0].port is 80, not one of the component\'s endpoint ports (none)',
      ),
      expect.stringContaining(
        'trait "steal" loosens security in Service shop-dev/steal: spec.selector["stagecraft.dev/component"] is ledger, not web',
      ),
    ]);
  });
});

describe('volumes and Services a trait adds', () => {
  const nfs = patchDeployment('nfs', {
    spec: {
      template: {
        spec: {
          volumes: [{ name: 'n', nfs: { server: '10.0.0.1', path: '/' } }],
        },
      },
    },
  });

  it('refuses an nfs volume unless the Environment grants nodeVolumes to the component', () => {
    expect(compile([nfs, withTraits('api', ['nfs'])]).errors).toEqual([
      expect.stringContaining(
        'trait "nfs" loosens security in Deployment shop-dev/api: spec.template.spec.volumes[0].nfs is a volume of type nfs;',
      ),
    ]);
    const granting = environment('dev', {
      policy: {
        defaultResources: {
          requests: { cpu: '10m', memory: '16Mi' },
          limits: { memory: '64Mi' },
        },
        securityExceptions: [
          {
            components: ['api'],
            allow: ['nodeVolumes'],
            reason: 'legacy NFS share',
          },
        ],
      },
    });
    expect(compile([nfs, withTraits('api', ['nfs'])], granting).errors).toEqual(
      [],
    );
  });

  it('refuses runAsUser written as a string, as the API server would', () => {
    const { errors } = compile([
      patchDeployment('root-string', {
        spec: {
          template: {
            spec: {
              containers: [
                { name: 'main', securityContext: { runAsUser: '0' } },
              ],
            },
          },
        },
      }),
      withTraits('api', ['root-string']),
    ]);
    expect(errors).toEqual([
      expect.stringContaining(
        'spec.template.spec.containers[0].securityContext.runAsUser is "0", not an integer id;',
      ),
    ]);
  });

  it('refuses a NodePort Service with external IPs', () => {
    const { errors } = compile([
      creates('mitm', {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'mitm' },
        spec: {
          type: 'NodePort',
          externalIPs: ['8.8.8.8'],
          selector: { 'stagecraft.dev/component': 'api' },
          ports: [{ port: 53 }],
        },
      }),
      withTraits('api', ['mitm']),
    ]);
    expect(errors).toEqual([
      expect.stringContaining(
        'Service shop-dev/mitm: spec.externalIPs is ["8.8.8.8"];',
      ),
      expect.stringContaining(
        "Service shop-dev/mitm: spec.ports[0].port is 53, not one of the component's endpoint ports (none);",
      ),
      expect.stringContaining(
        'Service shop-dev/mitm: spec.type is NodePort, not ClusterIP;',
      ),
    ]);
  });
});

describe('how many traits, and how many copies of an object', () => {
  const hpa = (name: string) =>
    creates(name, {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: '${component.name}' },
      spec: {
        scaleTargetRef: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: '${component.name}',
        },
        maxReplicas: 3,
      },
    });

  it('refuses a second object of the same kind and name from one component, naming the trait that made it', () => {
    const { errors, manifests } = compile([
      hpa('scale-a'),
      hpa('scale-b'),
      withTraits('api', ['scale-a', 'scale-b']),
    ]);
    expect(errors).toEqual([
      'spec.deploy.traits[1] component:default/api: trait "scale-b" emits HorizontalPodAutoscaler shop-dev/api, which the component already has; each object of a component needs its own kind and name',
    ]);
    expect(manifests.filter(m => m.kind === 'HorizontalPodAutoscaler')).toEqual(
      [],
    );
  });

  it('refuses a trait listed twice, naming the second, before compiling anything', () => {
    const traits = [{ name: 'scale' }, { name: 'other' }, { name: 'scale' }];
    const parsed = componentDeploySchema.safeParse({ image: 'r/x:1', traits });
    expect(parsed.error?.issues).toEqual([
      expect.objectContaining({
        path: ['traits', 2, 'name'],
        message: expect.stringContaining(
          'trait "scale" is listed more than once',
        ),
      }),
    ]);
    const twice = compile([
      hpa('scale'),
      withTraits('api', ['scale', 'scale']),
    ]);
    expect(twice.codes).toEqual(['invalid-intent']);
  });

  it('refuses more than 20 traits before compiling anything', () => {
    const names = (n: number) => Array.from({ length: n }, (_, i) => `t${i}`);
    const deploy = (n: number) => ({
      image: 'r/x:1',
      traits: names(n).map(name => ({ name })),
    });
    expect(componentDeploySchema.safeParse(deploy(20)).success).toBe(true);
    expect(componentDeploySchema.safeParse(deploy(21)).error?.issues).toEqual([
      expect.objectContaining({
        path: ['traits'],
        message: expect.stringContaining('at most 20 traits'),
      }),
    ]);
    const many = compile([
      ...names(21).map(t => hpa(t)),
      withTraits('api', names(21)),
    ]);
    expect(many.codes).toEqual(['invalid-intent']);
  });
});
