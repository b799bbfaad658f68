import { useEntity } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { GraphPanel } from '../graph/GraphPanel';
import { ImpactView } from '../Impact/ImpactView';

/**
 * The Dependencies tab of a component: its endpoints and who calls them, what it calls and who
 * serves that, with the traffic the platform permits between them.
 */
export function DependenciesTab() {
  const { entity } = useEntity();
  const name = entity.metadata.title ?? entity.metadata.name;
  return (
    <>
      <GraphPanel
        entity={entity}
        ariaLabel={`Dependencies of ${name}`}
        emptyMessage={
          <>
            {name} serves no endpoints and depends on none. Declare what it
            calls in <code>spec.dependsOn</code> (for example{' '}
            <code>endpoint:orders-http</code>), and what it serves with an{' '}
            <code>Endpoint</code> entity whose <code>spec.component</code> names
            it.
          </>
        }
      />
      <ImpactView componentRef={stringifyEntityRef(entity)} />
    </>
  );
}
