type Named = Record<string, unknown> & { name: string };

const isMap = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !Array.isArray(value);

const isNamedList = (value: unknown): value is Named[] =>
  Array.isArray(value) &&
  value.length > 0 &&
  value.every(item => isMap(item) && typeof item.name === 'string');

/**
 * Merges `patch` into `target` (returns a new value): maps merge key by key; lists of named
 * objects (containers, volumes, ports…) merge item by item on `name`, as Kubernetes'
 * strategic merge does; anything else is replaced.
 */
export function deepMerge<T>(target: T, patch: unknown): T {
  if (isNamedList(target) && isNamedList(patch)) {
    const result: Named[] = [...target];
    for (const item of patch) {
      const i = result.findIndex(existing => existing.name === item.name);
      if (i === -1) result.push(item);
      else result[i] = deepMerge(result[i], item);
    }
    return result as T;
  }
  if (!isMap(target) || !isMap(patch)) return patch as T;
  const result: Record<string, unknown> = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    result[key] = key in result ? deepMerge(result[key], value) : value;
  }
  return result as T;
}
