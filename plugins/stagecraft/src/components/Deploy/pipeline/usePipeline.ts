import { Entity } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { loadPipeline, Pipeline } from './loadPipeline';
import { loadProductionEnvironments } from './loadProductionEnvironments';

/** What the catalog says about where a component is deployed, beyond the deployments. */
export interface PipelineContext {
  /** Undefined when the component follows no pipeline. */
  pipeline?: Pipeline;
  productionEnvironments: ReadonlySet<string>;
}

/** Loads the component's pipeline and the production environments, in parallel. */
export function usePipeline(entity: Entity) {
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async (): Promise<PipelineContext> => {
    const [pipeline, productionEnvironments] = await Promise.all([
      loadPipeline(catalogApi, entity),
      loadProductionEnvironments(catalogApi),
    ]);
    return { pipeline, productionEnvironments };
  }, [catalogApi, entity]);
}
