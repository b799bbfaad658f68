import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogIndex } from './CatalogIndex';
import { STAGECRAFT_NAMESPACE, isInStagecraftNamespace } from './entityRefs';
import { projectRefOf } from './projects';

/**
 * Why a component cannot be deployed as a member of its project.
 *
 * @public
 */
export interface ProjectMembershipProblem {
  /** `outside-stagecraft-namespace` or `unknown-system`. */
  code: string;
  /** The component's field at fault; none when another entity names the component. */
  path?: string;
  message: string;
}

/**
 * What keeps a deployable component out of its project: the one rule the compiler applies
 * before it compiles a component, so render, validate, the catalog processor, the scaffolder
 * and the control plane all apply it (ADR 0005).
 *
 * - The component, its System, and the endpoints it depends on (and their components and
 *   Systems) are in the `default` catalog namespace. (Its own Endpoints are: an endpoint serves
 *   a component of its own namespace only, see `providerRefOf`.)
 *   Compiled objects carry entity *names* (namespace `<project>-<environment>`, labels), so a
 *   component of `system:evil/payments` would otherwise run in `payments`' namespace, with
 *   its secrets, and be admitted to its `project` endpoints.
 * - `spec.system` names a System the catalog holds: a project is a System entity, not a name
 *   any component can invent (and squat before its owners register it).
 *
 * Within the namespace, `spec.system` alone makes a component a member, as in Backstage: who
 * may write entities there is the trust boundary (docs/model.md, "Projects and who may join
 * them"). `index` must hold the component's System and neighbours.
 *
 * @public
 */
export function projectMembershipProblems(
  component: Entity,
  index: CatalogIndex,
): ProjectMembershipProblem[] {
  const ref = stringifyEntityRef(component);
  if (!isInStagecraftNamespace(ref))
    return [
      outside(
        'metadata.namespace',
        `${ref} is in namespace "${component.metadata.namespace}": move it to the ${STAGECRAFT_NAMESPACE} namespace`,
      ),
    ];
  const problems = foreignDependencies(component, index);
  const systemRef = projectRefOf(component);
  if (systemRef && !isInStagecraftNamespace(systemRef)) {
    problems.push(
      outside(
        'spec.system',
        `${ref} names ${systemRef} in spec.system; a project is a System of the ${STAGECRAFT_NAMESPACE} namespace`,
      ),
    );
  } else if (systemRef && index.get(systemRef)?.kind !== 'System') {
    problems.push({
      code: 'unknown-system',
      path: 'spec.system',
      message: `${ref} names ${systemRef} in spec.system, which is not in the catalog; a project is a System entity`,
    });
  }
  return problems;
}

function outside(
  path: string | undefined,
  why: string,
): ProjectMembershipProblem {
  return {
    code: 'outside-stagecraft-namespace',
    path,
    message: `Stagecraft deploys entities of the ${STAGECRAFT_NAMESPACE} catalog namespace only; ${why}`,
  };
}

/** Dependencies on endpoints outside the namespace, or served in a project outside it. */
function foreignDependencies(
  component: Entity,
  index: CatalogIndex,
): ProjectMembershipProblem[] {
  const ref = stringifyEntityRef(component);
  return index.dependenciesOf(component).flatMap(dependency => {
    const { endpointRef, providerRef, provider } = dependency;
    const path = `spec.dependsOn[${dependency.index}]`;
    if (!isInStagecraftNamespace(endpointRef))
      return [outside(path, `${ref} depends on ${endpointRef}`)];
    const project = provider && projectRefOf(provider);
    if (project && !isInStagecraftNamespace(project))
      return [
        outside(
          path,
          `${ref} depends on ${endpointRef}, served by ${providerRef} of ${project}`,
        ),
      ];
    return [];
  });
}
