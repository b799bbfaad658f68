import { Entity } from '@backstage/catalog-model';
import { useApiHolder } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { loadPipeline, PipelineStage } from './loadPipeline';

/**
 * The stages of the pipeline the entity follows, for ordering environment pickers
 * ({@link inPipelineOrder}). Undefined while loading, without a catalog API or pipeline, or when
 * the catalog cannot be read: the order is then the one the deployments come in, which is
 * worse but not wrong, so no error is shown for it.
 */
export function usePipelineStages(entity: Entity): {
  loading: boolean;
  stages?: PipelineStage[];
} {
  const catalogApi = useApiHolder().get(catalogApiRef);
  const { value, loading } = useAsync(async () => {
    if (!catalogApi) return undefined;
    try {
      return (await loadPipeline(catalogApi, entity))?.stages;
    } catch {
      return undefined;
    }
  }, [catalogApi, entity]);
  return { loading, stages: value };
}
