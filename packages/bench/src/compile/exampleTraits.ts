import { Entity } from '@backstage/catalog-model';
import { loadExampleCatalog } from '@stagecraft/plugin-stagecraft-node/src/compiler/__fixtures__/exampleCatalog';

/** The Trait entities of the example catalog (catalog-info/platform/traits.yaml). */
export function exampleTraits(): Entity[] {
  return loadExampleCatalog()
    .filter(e => e.kind === 'Trait')
    .map(t => ({ ...t, metadata: { ...t.metadata, namespace: 'default' } }));
}

/**
 * The catalog with the example catalog's three traits attached to every component: some ten
 * CEL expressions per component, so template evaluation weighs in as in a real catalog.
 */
export function withExampleTraits(catalog: Entity[]): Entity[] {
  const traits = exampleTraits();
  const attached = [
    { name: 'autoscaler', parameters: { maxReplicas: 5 } },
    { name: 'disruption-budget' },
    {
      name: 'persistent-volume',
      parameters: { size: '1Gi', mountPath: '/data' },
    },
  ];
  return [
    ...traits,
    ...catalog.map(entity =>
      entity.kind === 'Component'
        ? {
            ...entity,
            spec: {
              ...entity.spec,
              deploy: {
                ...(entity.spec as { deploy: object }).deploy,
                traits: attached,
              },
            },
          }
        : entity,
    ),
  ];
}
