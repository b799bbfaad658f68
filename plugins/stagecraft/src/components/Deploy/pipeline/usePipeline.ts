import { Entity } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { loadPipeline, Pipeline } from './loadPipeline';
import {
  EnvironmentProtection,
  loadEnvironmentProtection,
} from './loadEnvironmentProtection';

/** What the catalog says about where a component is deployed, beyond the deployments. */
export interface PipelineContext extends EnvironmentProtection {
  /** Undefined when the component follows no pipeline. */
  pipeline?: Pipeline;
}

/** Loads the component's pipeline and how environments are protected, in parallel. */
export function usePipeline(entity: Entity) {
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async (): Promise<PipelineContext> => {
    const [pipeline, protection] = await Promise.all([
      loadPipeline(catalogApi, entity),
      loadEnvironmentProtection(catalogApi),
    ]);
    return { pipeline, ...protection };
  }, [catalogApi, entity]);
}
