import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  EntityDocument,
  EntityProblem,
  StagecraftKind,
} from '@stagecraft/plugin-stagecraft-common';

/**
 * The kinds that decide what runs where and how safely — an Environment's production flag,
 * policies and security exceptions, a pipeline's stages and approvals, the templates of a
 * type or trait. The catalog admits them only from the platform team's locations (the rules
 * in app-config.yaml), never from a repository a developer registers.
 *
 * @public
 */
export const PLATFORM_KINDS: readonly string[] = [
  StagecraftKind.Environment,
  StagecraftKind.DeploymentPipeline,
  StagecraftKind.ComponentType,
  StagecraftKind.Trait,
];

const PLATFORM_KIND_NAMES = new Set(
  PLATFORM_KINDS.map(k => k.toLocaleLowerCase('en-US')),
);

/**
 * The problem of a platform kind in a developer's file, or undefined for any other document.
 * Compared by kind alone, whatever the apiVersion, as the catalog's rules compare them.
 */
export function platformKindProblem(
  document: EntityDocument,
): EntityProblem | undefined {
  const entity = document.value as unknown as Entity;
  const kind = entity?.kind;
  if (
    typeof kind !== 'string' ||
    !PLATFORM_KIND_NAMES.has(kind.toLocaleLowerCase('en-US'))
  )
    return undefined;
  let entityRef: string | undefined;
  try {
    entityRef = stringifyEntityRef(entity);
  } catch {
    entityRef = undefined; // no usable name: the kind is reason enough
  }
  return {
    source: document.source,
    ...(entityRef ? { entityRef } : {}),
    path: 'kind',
    code: 'platform-kind-in-developer-file',
    message: `platform kinds (${PLATFORM_KINDS.join(
      ', ',
    )}) come from the platform's catalog locations: the catalog would reject this ${kind} from a developer's repository, so it is not used; validation compiles with the catalog's own platform entities`,
  };
}
