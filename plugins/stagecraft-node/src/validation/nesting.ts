/**
 * The most levels of lists and maps an entity document may nest. Real catalog entities nest
 * about ten; the compiler, the parameter schemas (a structured clone) and the catalog
 * processor's fingerprint (`JSON.stringify`) all recurse, and a few thousand levels exhaust
 * the stack — a RangeError instead of a problem naming the field.
 */
export const MAX_NESTING = 64;

/**
 * The path of the first value nested deeper than {@link MAX_NESTING} levels, or undefined when
 * there is none. Walks with its own stack, so any depth is safe to measure.
 */
export function tooDeeplyNested(value: unknown): string | undefined {
  const stack: { value: unknown; path: string[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (!current || typeof current !== 'object') continue;
    if (path.length >= MAX_NESTING) return pathText(path);
    for (const [key, child] of Object.entries(current))
      stack.push({
        value: child,
        path: [...path, Array.isArray(current) ? `[${key}]` : key],
      });
  }
  return undefined;
}

/** `spec.deploy.parameters.a…`: the first segments, each cut short, so a hostile key stays small. */
function pathText(path: string[]): string {
  const shown = path
    .slice(0, 8)
    .map(s => (s.length > 40 ? `${s.slice(0, 40)}…` : s));
  return `${shown.join('.').replace(/\.\[/g, '[')}${
    path.length > 8 ? '…' : ''
  }`;
}
