/**
 * What one API request did, as the counter reports it: the Kubernetes verb, with dry runs
 * counted apart because they persist nothing.
 */
export const RequestVerb = {
  Get: 'get',
  List: 'list',
  Watch: 'watch',
  Create: 'create',
  Update: 'update',
  Patch: 'patch',
  Delete: 'delete',
  CreateDryRun: 'create-dry-run',
  UpdateDryRun: 'update-dry-run',
  PatchDryRun: 'patch-dry-run',
  DeleteDryRun: 'delete-dry-run',
} as const;
// eslint-disable-next-line @typescript-eslint/no-redeclare -- a const object and its value union share a name on purpose
export type RequestVerb = (typeof RequestVerb)[keyof typeof RequestVerb];

/** The verbs that change what the API server stores. */
export const WRITE_VERBS: readonly RequestVerb[] = [
  RequestVerb.Create,
  RequestVerb.Update,
  RequestVerb.Patch,
  RequestVerb.Delete,
];

/**
 * Counts API requests by verb, so a test or benchmark can say how many writes a resync sent.
 * Share one counter between clients to count a whole control plane.
 */
export class RequestCounter {
  private byVerb = new Map<RequestVerb, number>();

  record(verb: RequestVerb): void {
    this.byVerb.set(verb, (this.byVerb.get(verb) ?? 0) + 1);
  }

  /** A snapshot of the counts; verbs never seen are left out. */
  counts(): Partial<Record<RequestVerb, number>> {
    return Object.fromEntries(this.byVerb);
  }

  /** Requests that changed stored state: creates, updates, patches and deletes, no dry runs. */
  writes(): number {
    return WRITE_VERBS.reduce((sum, v) => sum + (this.byVerb.get(v) ?? 0), 0);
  }

  reset(): void {
    this.byVerb.clear();
  }
}
