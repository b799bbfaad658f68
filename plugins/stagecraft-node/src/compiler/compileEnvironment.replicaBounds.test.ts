import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import { compileEnvironment } from './compileEnvironment';
import { component, environment } from './__fixtures__/entities';

/**
 * An environment's replica bounds hold for what traits emit too: a trait's HPA cannot scale a
 * component past them (nor below their minimum), nor can a trait patch the replica count past
 * them, whatever its parameters say.
 */

const shop: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'shop', namespace: 'default' },
  spec: { owner: 'team' },
};

const autoscaler: Entity = {
  apiVersion: 'stagecraft.dev/v1alpha1',
  kind: 'Trait',
  metadata: { name: 'autoscaler', namespace: 'default' },
  spec: {
    parameters: {
      type: 'object',
      properties: {
        minReplicas: { type: 'integer' },
        maxReplicas: { type: 'integer' },
      },
    },
    creates: [
      {
        id: 'hpa',
        template: {
          apiVersion: 'autoscaling/v2',
          kind: 'HorizontalPodAutoscaler',
          metadata: { name: '${component.name}' },
          spec: {
            scaleTargetRef: {
              apiVersion: 'apps/v1',
              kind: 'Deployment',
              name: '${component.name}',
            },
            minReplicas: '${parameters.minReplicas}',
            maxReplicas: '${parameters.maxReplicas}',
          },
        },
      },
    ],
  } as JsonObject,
};

const fixedReplicas: Entity = {
  apiVersion: 'stagecraft.dev/v1alpha1',
  kind: 'Trait',
  metadata: { name: 'fixed-replicas', namespace: 'default' },
  spec: {
    patches: [
      { target: { kind: 'Deployment' }, merge: { spec: { replicas: 50 } } },
    ],
  } as JsonObject,
};

function compileWith(
  minReplicas: number,
  maxReplicas: number,
  traits: object[] = [
    { name: 'autoscaler', parameters: { minReplicas, maxReplicas } },
  ],
) {
  const dev = environment('dev', {
    policy: {
      defaultResources: {
        requests: { cpu: '10m', memory: '16Mi' },
        limits: { memory: '64Mi' },
      },
      replicas: { min: 2, max: 3 },
    },
  });
  const api = component('api', 'shop', {
    deploy: {
      image: 'registry.example/api:1',
      replicas: 2,
      traits,
    },
  });
  const result = compileEnvironment({
    entities: [dev, shop, autoscaler, fixedReplicas, api],
    environment: 'dev',
  });
  const hpa = result.manifests.find(m => m.kind === 'HorizontalPodAutoscaler');
  const deployment = result.manifests.find(m => m.kind === 'Deployment');
  return {
    hpa: hpa?.spec,
    deployment: deployment?.spec as { replicas?: number } | undefined,
    diagnostics: result.diagnostics,
  };
}

describe("what a trait emits stays within the environment's replica bounds", () => {
  it('scales up to the bound, not to the maxReplicas the trait asks for, and says so', () => {
    const { hpa, diagnostics } = compileWith(1, 10);
    expect(hpa).toMatchObject({ minReplicas: 2, maxReplicas: 3 });
    expect(diagnostics).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'autoscaler-bounded',
        message:
          'component:default/api: HorizontalPodAutoscaler shop-dev/api asks for 1–10 replicas; dev allows 2–3, so it scales within 2–3',
      }),
    ]);
  });

  it('leaves an autoscaler within the bounds as it is, without a word', () => {
    const { hpa, diagnostics } = compileWith(2, 3);
    expect(hpa).toMatchObject({ minReplicas: 2, maxReplicas: 3 });
    expect(diagnostics).toEqual([]);
  });

  it('runs the bound, not the replica count a trait patches in, and says so', () => {
    const { deployment, diagnostics } = compileWith(0, 0, [
      { name: 'fixed-replicas' },
    ]);
    expect(deployment?.replicas).toBe(3);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'replicas-bounded',
        message:
          'component:default/api: Deployment shop-dev/api asks for 50 replicas; dev allows 2–3, so it runs 3',
      }),
    ]);
  });
});
