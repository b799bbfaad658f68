import catalogGraph from '@backstage/plugin-catalog-graph/alpha';

/**
 * The catalog graph, without its Relations card on Stagecraft Environment entities: an
 * environment has no catalog relations, so the card drew one node filling the card. What
 * runs in an environment is on its Deployed tab. A `filter` set in app-config still wins.
 */
export const catalogGraphPlugin = catalogGraph.withOverrides({
  extensions: [
    catalogGraph.getExtension('entity-card:catalog-graph/relations').override({
      factory: (originalFactory, { config }) =>
        originalFactory({
          config: {
            ...config,
            filter: config.filter ?? { $not: { kind: 'Environment' } },
          },
        }),
    }),
  ],
});
