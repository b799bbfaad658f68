/** The server rejected part of a set in the dry run; nothing of that stage was applied. */
export class DryRunError extends Error {
  constructor(readonly failures: { ref: string; message: string }[]) {
    super(
      `server-side dry run rejected ${failures.length} object(s): ${failures
        .map(f => `${f.ref}: ${f.message}`)
        .join('; ')}`,
    );
    this.name = 'DryRunError';
  }
}

/** An apply that would remove every object of a deployment; only an explicit undeploy may. */
export class EmptySetError extends Error {
  constructor(count: number) {
    super(
      `refusing to prune all ${count} object(s) of the deployment: the new set is empty; undeploy explicitly instead`,
    );
    this.name = 'EmptySetError';
  }
}

/** The message of a client-node API error: the server's Status message when there is one. */
export function apiMessage(error: unknown): string {
  const body = (error as { body?: unknown }).body;
  if (typeof body === 'string') {
    try {
      return (JSON.parse(body) as { message?: string }).message ?? body;
    } catch {
      return body;
    }
  }
  return error instanceof Error ? error.message : String(error);
}

export const isNotFound = (error: unknown) =>
  (error as { code?: number }).code === 404;
