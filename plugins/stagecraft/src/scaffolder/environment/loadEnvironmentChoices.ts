import { Entity } from '@backstage/catalog-model';
import type { CatalogApi } from '@backstage/plugin-catalog-react';
import { tryResolveEntityRef } from '@stagecraft/plugin-stagecraft-common';
import { loadEnvironmentProtection } from '../../components/Deploy/pipeline/loadEnvironmentProtection';
import { loadPipeline } from '../../components/Deploy/pipeline/loadPipeline';

/** Whose pipeline to follow: an existing component's, a new component's of a project, or the default. */
export type PipelineOwner =
  | { component: string | undefined }
  | { project: string | undefined }
  | {};

export interface EnvironmentChoice {
  environment: string;
  /** The stage after it, when the picker offers promotions from it. */
  next?: string;
  /** Entering it (or, for a promotion, its next stage) waits for an approval. */
  requiresApproval: boolean;
}

export type EnvironmentChoices =
  | { pipeline: string; choices: EnvironmentChoice[] }
  | { missing: 'component' | 'pipeline' };

/** A component not in the catalog yet, of a project: it follows the project's pipeline. */
const newComponentOf = (project: string | undefined): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'new-component', namespace: 'default' },
  spec: project ? { system: project } : {},
});

/**
 * The environments of the pipeline the component follows (resolved as the control plane does:
 * its annotation, else its project's, else `default`), in promotion order, with the approval
 * gates the backend enforces. With `promotable`, the stages a release can be promoted from.
 */
export async function loadEnvironmentChoices(
  catalogApi: CatalogApi,
  owner: PipelineOwner,
  promotable: boolean,
): Promise<EnvironmentChoices> {
  let component: Entity | undefined;
  if ('component' in owner) {
    const ref = tryResolveEntityRef(owner.component, 'Component');
    component = ref ? await catalogApi.getEntityByRef(ref) : undefined;
    if (!component) return { missing: 'component' };
  } else {
    component = newComponentOf('project' in owner ? owner.project : undefined);
  }
  const [pipeline, protection] = await Promise.all([
    loadPipeline(catalogApi, component),
    loadEnvironmentProtection(catalogApi),
  ]);
  if (!pipeline) return { missing: 'pipeline' };
  const gated = (environment: string) =>
    protection.gatedEnvironments.has(environment);
  const stages = pipeline.stages.map(s => s.environment);
  const choices = promotable
    ? stages.slice(0, -1).map((environment, i) => ({
        environment,
        next: stages[i + 1],
        requiresApproval: gated(stages[i + 1]),
      }))
    : stages.map(environment => ({
        environment,
        requiresApproval: gated(environment),
      }));
  return { pipeline: pipeline.name, choices };
}
