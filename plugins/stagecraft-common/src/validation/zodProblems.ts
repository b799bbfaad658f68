import { z } from 'zod';

/** Turns zod issues into `{ path, message }` pairs with dotted paths under `prefix`. */
export function zodProblems(
  error: z.ZodError,
  prefix: string,
): { path: string; message: string }[] {
  return error.issues.map(issue => ({
    path: [
      prefix,
      ...issue.path.map(p => (typeof p === 'number' ? `[${p}]` : String(p))),
    ]
      .join('.')
      .replace(/\.\[/g, '['),
    message: issue.message,
  }));
}
