import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import { compileEnvironment } from './compileEnvironment';
import {
  component,
  endpoint,
  environment,
  withSystems,
} from './__fixtures__/entities';

/**
 * A route is the gateway's way in: a trait that names a sibling's Service as a backend, or
 * puts an organization endpoint's port on the public gateway, exposes what its Endpoint
 * visibility keeps in. `api` serves a public (8443), an organization (8080) and a project
 * (9090) endpoint; its sibling `web` an organization one.
 */

const trait = (name: string, spec: Record<string, unknown>): Entity => ({
  apiVersion: 'stagecraft.dev/v1alpha1',
  kind: 'Trait',
  metadata: { name, namespace: 'default' },
  spec: spec as JsonObject,
});

const creates = (name: string, template: Record<string, unknown>) =>
  trait(name, { creates: [{ id: 'x', template }] });

const patches = (name: string, target: unknown, merge: unknown) =>
  trait(name, { patches: [{ target, merge }] });

function compile(traits: Entity[], gateway: Record<string, unknown> = {}) {
  const result = compileEnvironment({
    entities: withSystems([
      environment('dev', {
        gateway: {
          internalHost: 'dev.internal.example',
          publicHost: 'dev.example',
          ...gateway,
        },
      }),
      ...traits,
      endpoint('api-public', 'api', { port: 8443, visibility: 'public' }),
      endpoint('api-private', 'api', { visibility: 'organization' }),
      endpoint('api-project', 'api', { port: 9090 }),
      endpoint('web-http', 'web', { visibility: 'organization' }),
      component('web', 'shop'),
      component('api', 'shop', {
        deploy: {
          image: 'registry.example/api:1',
          traits: traits.map(t => ({ name: t.metadata.name })),
        },
      }),
    ]),
    environment: 'dev',
  });
  return result.diagnostics
    .filter(d => d.severity === 'error')
    .map(d => d.message);
}

const INTERNAL = { name: 'internal', namespace: 'stagecraft-system' };
const PUBLIC = { name: 'public', namespace: 'stagecraft-system' };

const route = (spec: Record<string, unknown>) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'extra' },
  spec: {
    parentRefs: [INTERNAL],
    hostnames: ['dev.internal.example'],
    ...spec,
  },
});

const toBackends = (...backendRefs: unknown[]) =>
  route({ rules: [{ backendRefs }] });

const refused = (producer: string, object: string, rest: string) =>
  expect.stringContaining(`${producer} loosens security in ${object}: ${rest}`);

describe('compileEnvironment: HTTPRoutes of a trait reach only own Services, through the gateways of their endpoints', () => {
  it('compiles routes that stay within the component and its endpoints’ gateways', () => {
    expect(
      compile([
        creates('own-route', toBackends({ name: 'api', port: 8080 })),
        creates('public-route', {
          ...route({
            parentRefs: [PUBLIC],
            hostnames: ['dev.example'],
            rules: [{ backendRefs: [{ name: 'api', port: 8443 }] }],
          }),
          metadata: { name: 'extra-public' },
        }),
        patches(
          'annotate',
          { kind: 'HTTPRoute' },
          { metadata: { annotations: { team: 'shop' } } },
        ),
      ]),
    ).toEqual([]);
  });

  it("refuses a backend naming the sibling's Service", () => {
    expect(
      compile([creates('to-web', toBackends({ name: 'web', port: 8080 }))]),
    ).toEqual([
      refused(
        'trait "to-web"',
        'HTTPRoute shop-dev/extra',
        "spec.rules[0].backendRefs[0] names web, not one of the component's own Services (Service api)",
      ),
    ]);
  });

  it('refuses a request mirror to the sibling', () => {
    expect(
      compile([
        creates(
          'mirror',
          route({
            rules: [
              {
                filters: [
                  {
                    type: 'RequestMirror',
                    requestMirror: { backendRef: { name: 'web', port: 8080 } },
                  },
                ],
                backendRefs: [{ name: 'api', port: 8080 }],
              },
            ],
          }),
        ),
      ]),
    ).toEqual([
      refused(
        'trait "mirror"',
        'HTTPRoute shop-dev/extra',
        'spec.rules[0].filters[0].requestMirror.backendRef names web',
      ),
    ]);
  });

  it('refuses another kind of backend and a backend with a namespace', () => {
    expect(
      compile([
        creates(
          'odd',
          toBackends(
            {
              group: 'multicluster.x-k8s.io',
              kind: 'ServiceImport',
              name: 'api',
              port: 8080,
            },
            { name: 'api', namespace: 'shop-dev', port: 8080 },
          ),
        ),
      ]),
    ).toEqual([
      refused(
        'trait "odd"',
        'HTTPRoute shop-dev/extra',
        'spec.rules[0].backendRefs[0] is a ServiceImport of group multicluster.x-k8s.io',
      ),
      refused(
        'trait "odd"',
        'HTTPRoute shop-dev/extra',
        'spec.rules[0].backendRefs[1].namespace is shop-dev',
      ),
    ]);
  });

  it("refuses parents that are not the Environment's Gateways", () => {
    expect(
      compile([
        creates(
          'elsewhere',
          route({
            parentRefs: [
              { name: 'internal' },
              {
                kind: 'Service',
                name: 'internal',
                namespace: 'stagecraft-system',
              },
            ],
            rules: [{ backendRefs: [{ name: 'api', port: 8080 }] }],
          }),
        ),
      ]),
    ).toEqual([
      refused(
        'trait "elsewhere"',
        'HTTPRoute shop-dev/extra',
        `spec.parentRefs[0] is {"name":"internal"}, not one of the Environment's Gateways (stagecraft-system/internal, stagecraft-system/public)`,
      ),
      refused(
        'trait "elsewhere"',
        'HTTPRoute shop-dev/extra',
        'spec.parentRefs[1] is {"kind":"Service"',
      ),
    ]);
  });

  it('refuses an organization endpoint on the public gateway, added to the compiler’s route', () => {
    expect(
      compile([
        patches(
          'go-public',
          { kind: 'HTTPRoute', name: 'api-private-internal' },
          { spec: { parentRefs: [PUBLIC] } },
        ),
      ]),
    ).toEqual([
      refused(
        'trait "go-public"',
        'HTTPRoute shop-dev/api-private-internal',
        "spec.rules[0].backendRefs[0].port is 8080 on the public gateway (stagecraft-system/public), which routes only to the ports of the component's endpoints it carries (8443, http-8443)",
      ),
    ]);
  });

  it('refuses a project endpoint on the internal gateway', () => {
    expect(
      compile([creates('expose', toBackends({ name: 'api', port: 9090 }))]),
    ).toEqual([
      refused(
        'trait "expose"',
        'HTTPRoute shop-dev/extra',
        'spec.rules[0].backendRefs[0].port is 9090 on the internal gateway',
      ),
    ]);
  });

  it('re-checks an unchanged route when a step renames the Service it names', () => {
    expect(
      compile([
        patches('rename', { kind: 'Service' }, { metadata: { name: 'api-2' } }),
      ]),
    ).toContainEqual(
      refused(
        'trait "rename"',
        'HTTPRoute shop-dev/api-public-public',
        "spec.rules[0].backendRefs[0] names api, not one of the component's own Services (Service api-2)",
      ),
    );
  });
});

describe('compileEnvironment: Ingresses of a trait reach only own Services, through the classes of their endpoints', () => {
  const ingress = (spec: Record<string, unknown>, annotations = {}) => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'extra', annotations },
    spec: { ingressClassName: 'internal', ...spec },
  });
  const path = (backend: unknown) => ({
    rules: [
      {
        host: 'dev.internal.example',
        http: { paths: [{ path: '/', pathType: 'Prefix', backend }] },
      },
    ],
  });
  const service = (name: string, port: unknown) => ({
    service: { name, port },
  });
  const compileIngress = (traits: Entity[]) =>
    compile(traits, { exposure: 'ingress' });

  it('compiles an Ingress to its own organization endpoint on the internal class', () => {
    expect(
      compileIngress([
        creates('own', ingress(path(service('api', { name: 'http-8080' })))),
      ]),
    ).toEqual([]);
  });

  it("refuses the sibling's Service as a path backend and as the default backend", () => {
    expect(
      compileIngress([
        creates(
          'to-web',
          ingress({
            ...path(service('web', { number: 8080 })),
            defaultBackend: service('web', { number: 8080 }),
          }),
        ),
      ]),
    ).toEqual([
      refused(
        'trait "to-web"',
        'Ingress shop-dev/extra',
        'spec.defaultBackend names web',
      ),
      refused(
        'trait "to-web"',
        'Ingress shop-dev/extra',
        'spec.rules[0].http.paths[0].backend names web',
      ),
    ]);
  });

  it('refuses a resource backend', () => {
    expect(
      compileIngress([
        creates(
          'bucket',
          ingress(
            path({
              resource: {
                apiGroup: 'k8s.example.com',
                kind: 'Bucket',
                name: 'b',
              },
            }),
          ),
        ),
      ]),
    ).toEqual([
      refused(
        'trait "bucket"',
        'Ingress shop-dev/extra',
        'spec.rules[0].http.paths[0].backend.resource is {"apiGroup"',
      ),
    ]);
  });

  it('refuses an organization port on the public class, an unknown class and the class annotation', () => {
    expect(
      compileIngress([
        creates(
          'public',
          ingress({
            ...path(service('api', { name: 'http-8080' })),
            ingressClassName: 'public',
          }),
        ),
      ]),
    ).toEqual([
      refused(
        'trait "public"',
        'Ingress shop-dev/extra',
        'spec.rules[0].http.paths[0].backend.port is http-8080 on the public gateway (public)',
      ),
    ]);
    expect(
      compileIngress([
        creates(
          'classless',
          ingress(
            {
              ...path(service('api', { number: 8080 })),
              ingressClassName: null,
            },
            { 'kubernetes.io/ingress.class': 'public' },
          ),
        ),
      ]),
    ).toEqual([
      refused(
        'trait "classless"',
        'Ingress shop-dev/extra',
        'metadata.annotations["kubernetes.io/ingress.class"] is public',
      ),
      refused(
        'trait "classless"',
        'Ingress shop-dev/extra',
        "spec.ingressClassName is unset, not one of the Environment's ingress classes (internal, public)",
      ),
    ]);
  });
});
