import { useEntity } from '@backstage/plugin-catalog-react';
import { GraphPanel } from '../graph/GraphPanel';

/**
 * A project drawn as a cell: its components and endpoints inside, the gateways its exposed
 * endpoints are reached through at its edge, and other projects' ends of its dependencies
 * outside.
 */
export function CellDiagram() {
  const { entity } = useEntity();
  const name = entity.metadata.title ?? entity.metadata.name;
  return (
    <GraphPanel
      entity={entity}
      ariaLabel={`Cell of project ${name}`}
      emptyMessage={
        <>
          Project {name} has no components yet. A component joins it with{' '}
          <code>spec.system: {entity.metadata.name}</code>.
        </>
      }
    />
  );
}
