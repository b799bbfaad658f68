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
 * Routes pick a Service port by number, assuming it carries the endpoint of that number to
 * the same container port (security/routeRules.ts). `api` serves a public endpoint on 8443
 * and an organization one on 8080; its public route is the compiler's own. A trait that
 * remaps Service port 8443 to container port 8080 would put the organization endpoint on the
 * public gateway with no route changed.
 */

const trait = (name: string, spec: Record<string, unknown>): Entity => ({
  apiVersion: 'stagecraft.dev/v1alpha1',
  kind: 'Trait',
  metadata: { name, namespace: 'default' },
  spec: spec as JsonObject,
});

function compile(traits: Entity[]) {
  const result = compileEnvironment({
    entities: withSystems([
      environment('dev', {
        gateway: {
          internalHost: 'dev.internal.example',
          publicHost: 'dev.example',
        },
      }),
      ...traits,
      endpoint('api-public', 'api', { port: 8443, visibility: 'public' }),
      endpoint('api-private', 'api', { visibility: 'organization' }),
      component('api', 'shop', {
        deploy: {
          image: 'registry.example/api:1',
          traits: traits.map(t => ({ name: t.metadata.name })),
        },
      }),
    ]),
    environment: 'dev',
  });
  return {
    errors: result.diagnostics
      .filter(d => d.severity === 'error')
      .map(d => d.message),
    services: result.manifests.filter(m => m.kind === 'Service'),
  };
}

const REMAPPED = [
  { name: 'http-8443', port: 8443, targetPort: 8080, protocol: 'TCP' },
  { name: 'http-8080', port: 8080, targetPort: 8080, protocol: 'TCP' },
];

const refused = (producer: string, object: string, rest: string) =>
  expect.stringContaining(`${producer} loosens security in ${object}: ${rest}`);

describe("compileEnvironment: a Service port carries its endpoint to that endpoint's own container port", () => {
  it('compiles a trait that restates the compiler’s ports and names container ports as the compiler does', () => {
    const { errors, services } = compile([
      trait('restate', {
        patches: [
          {
            target: { kind: 'Service' },
            merge: {
              spec: {
                ports: [
                  { name: 'http-8443', port: 8443, targetPort: 'http-8443' },
                  { name: 'http-8080', port: 8080 },
                ],
              },
            },
          },
        ],
      }),
    ]);
    expect(errors).toEqual([]);
    expect(services).toHaveLength(1);
  });

  it("refuses a patch remapping the public port 8443 of the compiler's Service to the organization endpoint's container port, and renders nothing of the component", () => {
    const { errors, services } = compile([
      trait('remap', {
        patches: [
          { target: { kind: 'Service' }, merge: { spec: { ports: REMAPPED } } },
        ],
      }),
    ]);
    expect(errors).toEqual([
      refused(
        'trait "remap"',
        'Service shop-dev/api',
        "spec.ports[1].targetPort is 8080, not port 8443's own container port (8443 or http-8443);",
      ),
    ]);
    expect(services).toEqual([]);
  });

  it('refuses a Service of its own that a route could name with the same remap', () => {
    const { errors } = compile([
      trait('own-service', {
        creates: [
          {
            id: 'svc',
            template: {
              apiVersion: 'v1',
              kind: 'Service',
              metadata: { name: 'api-edge' },
              spec: {
                selector: { 'stagecraft.dev/component': 'api' },
                ports: REMAPPED,
              },
            },
          },
        ],
      }),
    ]);
    expect(errors).toEqual([
      refused(
        'trait "own-service"',
        'Service shop-dev/api-edge',
        'spec.ports[0].targetPort is 8080',
      ),
    ]);
  });

  it('refuses renaming the container port 8080 to the public port’s name, which a named targetPort would follow', () => {
    const { errors } = compile([
      trait('rename', {
        patches: [
          {
            target: { kind: 'Deployment' },
            merge: {
              spec: {
                template: {
                  spec: {
                    containers: [
                      {
                        name: 'main',
                        ports: [{ name: 'http-8443', containerPort: 8080 }],
                      },
                    ],
                  },
                },
              },
            },
          },
        ],
      }),
    ]);
    expect(errors).toEqual([
      refused(
        'trait "rename"',
        'Deployment shop-dev/api',
        'spec.template.spec.containers[0].ports[1].containerPort is 8080, but http-8443 is port 8443;',
      ),
    ]);
  });
});
