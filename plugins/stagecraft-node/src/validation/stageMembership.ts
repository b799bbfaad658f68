import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  CatalogIndex,
  PIPELINE_ANNOTATION,
} from '@stagecraft/plugin-stagecraft-common';
import { Diagnostic } from '../compiler/types';

/**
 * The environments a component is deployed in: the stages of its pipeline (its own
 * annotation, its System's, or the namespace's `default`), resolved as the control plane
 * resolves them — or why it is deployed nowhere. The one stage-membership rule of validation
 * and `render`: a component is compiled for an environment only if its pipeline has that stage.
 *
 * @public
 */
export function componentStages(
  component: Entity,
  index: CatalogIndex,
): { environments: string[] } | { diagnostic: Diagnostic } {
  const pipeline = index.pipelineFor(component);
  if (pipeline)
    return { environments: pipeline.stages.map(s => s.environment) };
  const entityRef = stringifyEntityRef(component);
  const annotated = component.metadata.annotations?.[PIPELINE_ANNOTATION];
  return {
    diagnostic: {
      severity: 'error',
      code: 'unknown-pipeline',
      entityRef,
      path: annotated
        ? `metadata.annotations.${PIPELINE_ANNOTATION}`
        : undefined,
      message: `${entityRef}: ${noPipeline(component, index)}`,
    },
  };
}

function noPipeline(component: Entity, index: CatalogIndex): string {
  return `its pipeline ${index.pipelineRefOf(
    component,
  )} is not in the catalog (or is invalid), so it can be deployed nowhere`;
}

/**
 * Which deployable components of `entities` are deployed in `environment` (by
 * {@link componentStages}), and each one that is not, with the reason — what `render` compiles
 * and what it says it left out.
 *
 * @public
 */
export function componentsDeployedIn(
  entities: Entity[],
  environment: string,
): { deployed: string[]; skipped: { entityRef: string; reason: string }[] } {
  const index = new CatalogIndex(entities);
  const deployed: string[] = [];
  const skipped: { entityRef: string; reason: string }[] = [];
  for (const component of index.deployableComponents()) {
    const entityRef = stringifyEntityRef(component);
    const stages = componentStages(component, index);
    if ('diagnostic' in stages) {
      skipped.push({ entityRef, reason: noPipeline(component, index) });
    } else if (stages.environments.some(e => sameName(e, environment))) {
      deployed.push(entityRef);
    } else {
      skipped.push({
        entityRef,
        reason: `its pipeline ${index.pipelineRefOf(
          component,
        )} has no stage ${environment} (its stages: ${stages.environments.join(
          ', ',
        )})`,
      });
    }
  }
  return { deployed, skipped };
}

/** Entity names compare case-insensitively, as in entity refs. */
function sameName(a: string, b: string): boolean {
  return a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US');
}
