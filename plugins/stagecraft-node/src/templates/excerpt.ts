import { CelBudgetExceeded } from './celMeter';

/** The most of an expression or value an error message quotes. */
export const EXCERPT_LENGTH = 80;

/**
 * A short one-line excerpt of `text` for error messages: whitespace runs become one space and
 * anything past `max` characters is cut with `…`. Error messages reach logs, the CLI and HTTP
 * bodies, so they never carry a megabyte expression or value whole.
 */
export function excerpt(text: string, max = EXCERPT_LENGTH): string {
  // Only the head can show, so only the head is scanned: cost stays O(max) for any input.
  const head = text
    .slice(0, max * 4)
    .replace(/\s+/g, ' ')
    .trim();
  return head.length > max || text.length > max * 4
    ? `${head.slice(0, max - 1)}…`
    : head;
}

/**
 * The reason an expression failed, short. CEL errors carry the whole source line in `message`
 * (a megabyte for a megabyte one-liner); their `summary` is the bare reason and `range` where.
 * A reason may quote a value (`No such key: …`), so it is cut like an expression. Stagecraft's
 * own limits quote nothing and are shown whole.
 */
export function describeCelError(error: unknown): string {
  if (error instanceof CelBudgetExceeded) return error.message;
  const e = error as {
    summary?: unknown;
    message?: unknown;
    range?: { start?: number };
  };
  const reason = excerpt(
    String(typeof e?.summary === 'string' ? e.summary : e?.message ?? error),
  );
  const at = e?.range?.start;
  return typeof at === 'number' ? `${reason} (at character ${at})` : reason;
}
