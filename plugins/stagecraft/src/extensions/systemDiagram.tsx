import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';

/**
 * The Cell tab on systems (projects): the project's components and endpoints as a cell, with
 * its gateways and its connections to other projects.
 */
export const stagecraftCellEntityContent = EntityContentBlueprint.make({
  name: 'cell',
  params: {
    path: 'stagecraft-cell',
    title: 'Cell',
    filter: { kind: 'system' },
    loader: () =>
      import('../components/CellDiagram/CellDiagram').then(m => (
        <m.CellDiagram />
      )),
  },
});
