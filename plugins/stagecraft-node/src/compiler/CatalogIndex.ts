import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  CatalogIndex as SharedCatalogIndex,
  componentDeploySchema,
  DeployableComponentEntity,
  EnvironmentEntity,
  hasDeployIntent,
  isInStagecraftNamespace,
  projectNameOf,
  projectRefOf,
  withSpecDefaults,
} from '@stagecraft/plugin-stagecraft-common';

/**
 * The shared catalog index (stagecraft-common) over the compiler's view of each entity, so the
 * compiler always sees defaulted, valid specs: Stagecraft kinds with their schema defaults, and
 * deployable Components of the default namespace with parsed deploy intent and `spec.system`
 * reduced to the project's name — it becomes namespace names and label values, so a ref such as `system:default/shop`
 * must not reach them verbatim. The caller's objects are never changed.
 */
export class CatalogIndex extends SharedCatalogIndex {
  constructor(entities: Entity[]) {
    super(entities.map(compilerView));
  }

  environment(name: string): EnvironmentEntity | undefined {
    return super.environment(name) as EnvironmentEntity | undefined;
  }

  deployableComponents(): DeployableComponentEntity[] {
    return super.deployableComponents() as DeployableComponentEntity[];
  }
}

function compilerView(entity: Entity): Entity {
  if (!hasDeployIntent(entity)) return withSpecDefaults(entity);
  const deploy = componentDeploySchema.safeParse(entity.spec!.deploy);
  const project = projectRefOf(entity);
  const system = project && projectNameOf(entity);
  // Invalid intent stays as it is: validation reports it, the compiler refuses it. So does a
  // component or System outside the default namespace (`projectMembershipProblems`): reduced
  // to a name, `system:evil/payments` would read as `payments`.
  if (
    !deploy.success ||
    !system ||
    !isInStagecraftNamespace(project) ||
    !isInStagecraftNamespace(stringifyEntityRef(entity))
  )
    return entity;
  return {
    ...entity,
    spec: { ...entity.spec, deploy: deploy.data, system } as Entity['spec'],
  };
}
