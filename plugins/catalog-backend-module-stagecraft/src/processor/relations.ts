import {
  CompoundEntityRef,
  Entity,
  parseEntityRef,
} from '@backstage/catalog-model';
import {
  hasDeployIntent,
  STAGECRAFT_API_VERSION,
} from '@stagecraft/plugin-stagecraft-common';

/**
 * Stagecraft's relation types. Custom relations carry a prefix so they never collide with
 * another plugin's; each comes with its reverse.
 *
 * @public
 */
export const StagecraftRelation = {
  /** Component → Endpoint it serves. */
  hasEndpoint: 'stagecraft-hasEndpoint',
  endpointOf: 'stagecraft-endpointOf',
  /** DeploymentPipeline → Environment it promotes through. */
  hasStage: 'stagecraft-hasStage',
  stageOf: 'stagecraft-stageOf',
  /** Component → ComponentType that compiles it. */
  ofType: 'stagecraft-ofType',
  typeOf: 'stagecraft-typeOf',
} as const;

interface RelationSpec {
  type: string;
  target: CompoundEntityRef;
  reverse: string;
}

/**
 * The relations an entity declares, from its own side. Dependencies on endpoints
 * (`Component.spec.dependsOn: [endpoint:…]`) need nothing here: the catalog's built-in
 * processor already emits `dependsOn`/`dependencyOf` for them.
 */
export function stagecraftRelations(entity: Entity): RelationSpec[] {
  const namespace = entity.metadata.namespace;
  // One relation per field that holds a ref. A field that does not (a Component's free-form
  // `spec.type`, such as `web:v2`) gets none: validation reports what is wrong with it, and a
  // throw here would replace its reasons with the catalog's "processor threw".
  const relation = (
    value: string,
    defaultKind: string,
    type: string,
    reverse: string,
  ): RelationSpec[] => {
    try {
      const target = parseEntityRef(value, {
        defaultKind,
        defaultNamespace: namespace,
      });
      return [{ type, target, reverse }];
    } catch {
      return [];
    }
  };

  if (
    entity.apiVersion === STAGECRAFT_API_VERSION &&
    entity.kind === 'Endpoint'
  ) {
    const component = (entity.spec as { component: string }).component;
    return relation(
      component,
      'Component',
      StagecraftRelation.endpointOf,
      StagecraftRelation.hasEndpoint,
    );
  }
  if (
    entity.apiVersion === STAGECRAFT_API_VERSION &&
    entity.kind === 'DeploymentPipeline'
  ) {
    const stages = (entity.spec as { stages: { environment: string }[] })
      .stages;
    return stages.flatMap(stage =>
      relation(
        stage.environment,
        'Environment',
        StagecraftRelation.hasStage,
        StagecraftRelation.stageOf,
      ),
    );
  }
  if (hasDeployIntent(entity)) {
    const type = (entity.spec as { type: string }).type;
    return relation(
      type,
      'ComponentType',
      StagecraftRelation.ofType,
      StagecraftRelation.typeOf,
    );
  }
  return [];
}
