import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import { compileEnvironment } from './compileEnvironment';
import { component, environment } from './__fixtures__/entities';

/**
 * An environment's replica bounds hold for autoscaled components too: a trait's HPA cannot
 * scale a component past them (nor below their minimum), whatever its parameters say.
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

function compileWith(minReplicas: number, maxReplicas: number) {
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
      traits: [
        { name: 'autoscaler', parameters: { minReplicas, maxReplicas } },
      ],
    },
  });
  const result = compileEnvironment({
    entities: [dev, shop, autoscaler, api],
    environment: 'dev',
  });
  const hpa = result.manifests.find(m => m.kind === 'HorizontalPodAutoscaler');
  return { hpa: hpa?.spec, diagnostics: result.diagnostics };
}

describe("an autoscaler trait stays within the environment's replica bounds", () => {
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
});
