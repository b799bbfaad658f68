/**
 * The most levels of lists and maps an entity document may nest. Real catalog entities nest
 * about ten; the compiler, the parameter schemas (a structured clone) and the catalog
 * processor's fingerprints (`JSON.stringify`, `canonicalJson`) all recurse, and a few thousand
 * levels exhaust the stack — a RangeError instead of a problem naming the field.
 */
export const MAX_NESTING = 64;

/**
 * A lone UTF-16 surrogate: not Unicode, so JSON carries it as a `\ud800` escape that the API
 * server's apply (YAML) decoder refuses — a value validation passed would fail every apply.
 */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * The first value of an entity document that no compile or apply could survive, with its
 * path: nested deeper than {@link MAX_NESTING} levels, or a string (value or key) that is not
 * well-formed Unicode. Walks with its own stack, so any depth is safe to measure.
 */
export function unusableValue(
  value: unknown,
): { path: string; reason: string } | undefined {
  const stack: { value: unknown; path: string[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === 'string' && LONE_SURROGATE.test(current))
      return {
        path: pathText(path),
        reason:
          'holds a lone UTF-16 surrogate, which is not Unicode and which Kubernetes refuses; remove it',
      };
    if (!current || typeof current !== 'object') continue;
    if (path.length >= MAX_NESTING)
      return {
        path: pathText(path),
        reason: `nested more than ${MAX_NESTING} levels deep; flatten the value`,
      };
    for (const [key, child] of Object.entries(current)) {
      const at = [...path, Array.isArray(current) ? `[${key}]` : key];
      if (LONE_SURROGATE.test(key))
        return {
          path: pathText(at),
          reason:
            'is a key holding a lone UTF-16 surrogate, which is not Unicode and which Kubernetes refuses; rename it',
        };
      stack.push({ value: child, path: at });
    }
  }
  return undefined;
}

/** `spec.deploy.parameters.a…`: the first segments, each cut short, so a hostile key stays small. */
function pathText(path: string[]): string {
  const shown = path
    .slice(0, 8)
    .map(s => (s.length > 40 ? `${s.slice(0, 40)}…` : s))
    .map(s => s.replace(LONE_SURROGATE, '\ufffd'));
  return `${shown.join('.').replace(/\.\[/g, '[')}${
    path.length > 8 ? '…' : ''
  }`;
}
