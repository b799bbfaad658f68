import {
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  DefaultNamespaceEntityPolicy,
  domainEntityV1alpha1Validator,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  groupEntityV1alpha1Validator,
  KindValidator,
  locationEntityV1alpha1Validator,
  NoForeignRootFieldsEntityPolicy,
  resourceEntityV1alpha1Validator,
  SchemaValidEntityPolicy,
  stringifyEntityRef,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import { STAGECRAFT_API_VERSION, StagecraftKind } from '../constants';
import { componentDeploySchema, stagecraftSpecSchemas } from '../kinds';
import { zodProblems } from './zodProblems';
import { EntityDocument } from './parseEntityDocuments';
import { EntityProblem } from './EntityProblem';
import { kubernetesNameProblem } from './kubernetesNames';
import { hasDeployIntent } from '../catalog/deployIntent';
import { tryResolveEntityRef } from '../catalog/entityRefs';
import { projectNameOf } from '../catalog/projects';

/** The catalog's own envelope and metadata rules, as the catalog backend applies them. */
const envelopePolicy = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);

const builtInKindValidators: KindValidator[] = [
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
];

const stagecraftKinds = new Set<string>(Object.values(StagecraftKind));

/** Stagecraft kinds whose names become Kubernetes names (namespaces, routes, policies, labels). */
const NAMED_IN_KUBERNETES = new Set<string>([
  StagecraftKind.Endpoint,
  StagecraftKind.Environment,
]);

/**
 * Validates one entity document the way the catalog would, offline: envelope and metadata
 * format, the built-in kinds' schemas, and that Stagecraft's apiVersion is only used with the
 * kinds Stagecraft defines. Returns every problem found (empty when valid).
 *
 * @public
 */
export async function validateEntity(
  document: EntityDocument,
): Promise<EntityProblem[]> {
  const { source } = document;
  let entity: Entity;
  try {
    entity =
      (await envelopePolicy.enforce(document.value as unknown as Entity)) ??
      (document.value as unknown as Entity);
  } catch (error) {
    return [
      {
        source,
        entityRef: describe(document.value),
        path: '',
        message: messageOf(error),
      },
    ];
  }
  const entityRef = stringifyEntityRef(entity);

  if (entity.apiVersion === STAGECRAFT_API_VERSION) {
    if (!stagecraftKinds.has(entity.kind)) {
      return [
        {
          source,
          entityRef,
          path: 'kind',
          message: `kind "${
            entity.kind
          }" is not defined by ${STAGECRAFT_API_VERSION}; expected one of ${[
            ...stagecraftKinds,
          ].join(', ')}`,
        },
      ];
    }
    const result = stagecraftSpecSchemas[
      entity.kind as StagecraftKind
    ].safeParse(entity.spec ?? {});
    const problems: EntityProblem[] = result.success
      ? []
      : zodProblems(result.error, 'spec').map(p => ({
          source,
          entityRef,
          ...p,
        }));
    if (NAMED_IN_KUBERNETES.has(entity.kind)) {
      const problem = kubernetesNameProblem(entity.metadata.name);
      if (problem)
        problems.unshift({
          source,
          entityRef,
          path: 'metadata.name',
          message: problem,
        });
    }
    return problems;
  }

  for (const validator of builtInKindValidators) {
    try {
      if (await validator.check(entity)) {
        return entity.kind === 'Component'
          ? validateDeployIntent(entity, source, entityRef)
          : [];
      }
    } catch (error) {
      return [{ source, entityRef, path: 'spec', message: messageOf(error) }];
    }
  }
  return []; // a kind from another plugin: the catalog decides whether it is allowed
}

/**
 * Checks `Component.spec.deploy`, the intent Stagecraft compiles. A deployable component must
 * belong to a project (`spec.system`): the project is its isolation boundary. The component's
 * and the project's names become Kubernetes names, so both must be DNS-1123 labels.
 */
export function validateDeployIntent(
  entity: Entity,
  source: string,
  entityRef: string,
): EntityProblem[] {
  if (!hasDeployIntent(entity)) return [];
  const spec = (entity.spec ?? {}) as {
    deploy?: unknown;
    system?: unknown;
    dependsOn?: unknown;
  };
  const problems: EntityProblem[] = [];
  const result = componentDeploySchema.safeParse(spec.deploy);
  if (!result.success) {
    problems.push(
      ...zodProblems(result.error, 'spec.deploy').map(p => ({
        source,
        entityRef,
        ...p,
      })),
    );
  }
  const nameProblem = kubernetesNameProblem(entity.metadata.name);
  if (nameProblem) {
    problems.unshift({
      source,
      entityRef,
      path: 'metadata.name',
      message: nameProblem,
    });
  }
  if (typeof spec.system !== 'string' || !spec.system) {
    problems.push({
      source,
      entityRef,
      path: 'spec.system',
      message: 'a component with spec.deploy must belong to a project (System)',
    });
  } else {
    const project = projectNameOf(entity);
    const projectProblem = project
      ? kubernetesNameProblem(project)
      : `"${spec.system}" is not a System ref`;
    if (projectProblem) {
      problems.push({
        source,
        entityRef,
        path: 'spec.system',
        message: `the project ${projectProblem}`,
      });
    }
  }
  // The compiler reads only the entries that are refs; one that is not would be ignored.
  (Array.isArray(spec.dependsOn) ? spec.dependsOn : []).forEach(
    (written, i) => {
      if (
        typeof written === 'string' &&
        !tryResolveEntityRef(written, 'Component')
      )
        problems.push({
          source,
          entityRef,
          path: `spec.dependsOn[${i}]`,
          message: `"${written}" is not an entity reference ([<kind>:][<namespace>/]<name>)`,
        });
    },
  );
  return problems;
}

function describe(value: Record<string, unknown>): string | undefined {
  const metadata = value.metadata as { name?: unknown } | undefined;
  const name = typeof metadata?.name === 'string' ? metadata.name : undefined;
  return name && typeof value.kind === 'string'
    ? `${value.kind.toLowerCase()}:${name}`
    : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
