import { Entity } from '@backstage/catalog-model';

/** How the bench lays its catalog out in files, each one catalog location. */
export type CatalogLayout = 'one' | 'per-project';

/**
 * BENCH_CATALOG_FILES: `one` (the default, and every figure before it existed) writes every
 * entity into one file; `per-project` writes one file per project (its System, Components and
 * Endpoints) and one for the platform's entities, as an organisation whose projects each keep
 * a catalog file in their repository would. Backstage reads and parses a location's whole file
 * on every processing pass and refreshes all of its entities together, so the layout decides
 * how large each of those bursts is.
 */
export function catalogLayout(
  env: NodeJS.ProcessEnv = process.env,
): CatalogLayout {
  const value = env.BENCH_CATALOG_FILES ?? 'one';
  if (value === 'one' || value === 'per-project') return value;
  throw new Error(
    `BENCH_CATALOG_FILES must be "one" or "per-project", not "${value}"`,
  );
}

/** The files of `layout`: a name (without extension) and its entities; every entity once. */
export function catalogFiles(
  entities: Entity[],
  layout: CatalogLayout,
): { name: string; entities: Entity[] }[] {
  if (layout === 'one') return [{ name: 'catalog', entities }];
  const files = new Map<string, Entity[]>();
  const projectOfComponent = new Map<string, string>();
  for (const entity of entities) {
    if (entity.kind === 'Component')
      projectOfComponent.set(entity.metadata.name, String(entity.spec?.system));
  }
  for (const entity of entities) {
    const name = fileOf(entity, projectOfComponent);
    files.set(name, [...(files.get(name) ?? []), entity]);
  }
  return [...files].map(([name, members]) => ({ name, entities: members }));
}

/** `project-<name>` for a project's entities, `platform` for the rest. */
function fileOf(
  entity: Entity,
  projectOfComponent: Map<string, string>,
): string {
  const spec = entity.spec ?? {};
  let project: unknown;
  if (entity.kind === 'System') project = entity.metadata.name;
  else if (entity.kind === 'Component') project = spec.system;
  else if (entity.kind === 'Endpoint')
    project = projectOfComponent.get(String(spec.component));
  return project ? `project-${project}` : 'platform';
}
