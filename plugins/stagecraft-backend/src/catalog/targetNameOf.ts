import type { CatalogSnapshot } from './CatalogSnapshot';

/** The data-plane target an environment of the catalog names; undefined when it names none. */
export function targetNameOf(
  catalog: CatalogSnapshot,
  environment: string,
): string | undefined {
  const entity = catalog.environment(environment);
  const target = (entity?.spec as { target?: unknown } | undefined)?.target;
  return typeof target === 'string' ? target : undefined;
}
