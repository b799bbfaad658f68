import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import { compileEnvironment } from './compileEnvironment';
import { component, environment, withSystems } from './__fixtures__/entities';
import { loadExampleCatalog } from './__fixtures__/exampleCatalog';

/**
 * Components of a project share its namespace, so a trait could name a sibling's objects:
 * scale its Deployment, clone or mount its claim. Here the sibling `web` uses the example
 * catalog's persistent-volume trait (its claim is `web-data`) and `api` gets hostile traits.
 */

const EXAMPLE_TRAITS = loadExampleCatalog().filter(e => e.kind === 'Trait');

const trait = (name: string, spec: Record<string, unknown>): Entity => ({
  apiVersion: 'stagecraft.dev/v1alpha1',
  kind: 'Trait',
  metadata: { name, namespace: 'default' },
  spec: spec as JsonObject,
});

const creates = (name: string, template: Record<string, unknown>) =>
  trait(name, { creates: [{ id: 'x', template }] });

/** A trait as a component attaches it. */
type Attached = { name: string; parameters?: Record<string, unknown> };

const withTraits = (name: string, traits: Attached[]) =>
  component(name, 'shop', {
    deploy: { image: `registry.example/${name}:1`, replicas: 2, traits },
  });

const volume = {
  name: 'persistent-volume',
  parameters: { size: '1Gi', mountPath: '/data' },
};

function compile(
  apiTraits: Entity[],
  attached: Attached[] = apiTraits.map(t => ({ name: t.metadata.name })),
) {
  const result = compileEnvironment({
    entities: withSystems([
      environment('dev'),
      ...EXAMPLE_TRAITS,
      ...apiTraits,
      withTraits('web', [volume]),
      withTraits('api', attached),
    ]),
    environment: 'dev',
  });
  return {
    manifests: result.manifests,
    errors: result.diagnostics
      .filter(d => d.severity === 'error')
      .map(d => d.message),
  };
}

const claimTemplate = (spec: Record<string, unknown>) => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name: 'api-copy' },
  spec: {
    accessModes: ['ReadWriteOnce'],
    resources: { requests: { storage: '1Gi' } },
    ...spec,
  },
});

describe("compileEnvironment: a trait reaches only its component's own objects", () => {
  it("compiles the example catalog's persistent-volume and autoscaler traits on both components", () => {
    const { manifests, errors } = compile(
      [],
      [volume, { name: 'autoscaler', parameters: { maxReplicas: 4 } }],
    );
    expect(errors).toEqual([]);
    expect(
      manifests
        .filter(m =>
          /^(PersistentVolumeClaim|HorizontalPodAutoscaler)$/.test(m.kind),
        )
        .map(m => `${m.kind} ${m.metadata.name}`)
        .sort(),
    ).toEqual([
      'HorizontalPodAutoscaler api',
      'PersistentVolumeClaim api-data',
      'PersistentVolumeClaim web-data',
    ]);
  });

  it("refuses an autoscaler aimed at the sibling's Deployment, and renders nothing of the component", () => {
    const { manifests, errors } = compile([
      creates('scale-web', {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: 'api' },
        spec: {
          scaleTargetRef: {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: 'web',
          },
          minReplicas: 1,
          maxReplicas: 1,
        },
      }),
    ]);
    expect(errors).toEqual([
      expect.stringContaining(
        'trait "scale-web" loosens security in HorizontalPodAutoscaler shop-dev/api: spec.scaleTargetRef names {"apiVersion":"apps/v1","kind":"Deployment","name":"web"}, not one of the component\'s own workloads (Deployment api)',
      ),
    ]);
    expect(manifests.filter(m => m.metadata.name === 'api')).toEqual([]);
    expect(manifests.find(m => m.kind === 'Deployment')?.metadata.name).toBe(
      'web',
    );
  });

  it("refuses a claim cloned from the sibling's claim", () => {
    const { errors } = compile([
      creates(
        'clone-web',
        claimTemplate({
          dataSource: { kind: 'PersistentVolumeClaim', name: 'web-data' },
        }),
      ),
    ]);
    expect(errors).toEqual([
      expect.stringContaining(
        'trait "clone-web" loosens security in PersistentVolumeClaim shop-dev/api-copy: spec.dataSource names {"kind":"PersistentVolumeClaim","name":"web-data"}',
      ),
    ]);
  });

  it('refuses a claim bound to a named PersistentVolume without the nodeVolumes exception', () => {
    const { errors } = compile([
      creates('bind-pv', claimTemplate({ volumeName: 'pv-web' })),
    ]);
    expect(errors).toEqual([
      expect.stringContaining(
        'trait "bind-pv" loosens security in PersistentVolumeClaim shop-dev/api-copy: spec.volumeName binds the PersistentVolume pv-web',
      ),
    ]);
  });

  it("refuses a Deployment patched to mount the sibling's claim", () => {
    const { errors } = compile([
      trait('mount-web', {
        patches: [
          {
            target: { kind: 'Deployment' },
            merge: {
              spec: {
                template: {
                  spec: {
                    volumes: [
                      {
                        name: 'data',
                        persistentVolumeClaim: { claimName: 'web-data' },
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
      expect.stringContaining(
        'trait "mount-web" loosens security in Deployment shop-dev/api: spec.template.spec.volumes[0].persistentVolumeClaim.claimName is web-data, not one of the component\'s own PersistentVolumeClaims (it has none)',
      ),
    ]);
  });

  it("refuses renaming the claim a pod mounts to free the sibling's name for it", () => {
    // `squat` creates and mounts a claim named like the sibling's; `rename` renames the claim
    // and leaves the Deployment alone, which then mounts the sibling's `web-data`.
    const { errors } = compile([
      trait('squat', {
        creates: [
          {
            id: 'claim',
            template: { ...claimTemplate({}), metadata: { name: 'web-data' } },
          },
        ],
        patches: [
          {
            target: { kind: 'Deployment' },
            merge: {
              spec: {
                template: {
                  spec: {
                    volumes: [
                      {
                        name: 'data',
                        persistentVolumeClaim: { claimName: 'web-data' },
                      },
                    ],
                  },
                },
              },
            },
          },
        ],
      }),
      trait('rename', {
        patches: [
          {
            target: { kind: 'PersistentVolumeClaim' },
            merge: { metadata: { name: 'api-data' } },
          },
        ],
      }),
    ]);
    expect(errors).toEqual([
      expect.stringContaining(
        'trait "rename" loosens security in Deployment shop-dev/api: spec.template.spec.volumes[0].persistentVolumeClaim.claimName is web-data, not one of the component\'s own PersistentVolumeClaims (PersistentVolumeClaim api-data)',
      ),
    ]);
  });
});
