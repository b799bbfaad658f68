/** What happened to one object, in the same words in logs, the API and the UI. */
export const ChangeAction = {
  Created: 'created',
  Configured: 'configured',
  Unchanged: 'unchanged',
  Deleted: 'deleted',
  Skipped: 'skipped',
} as const;
// eslint-disable-next-line @typescript-eslint/no-redeclare -- a const object and its value union share a name on purpose
export type ChangeAction = (typeof ChangeAction)[keyof typeof ChangeAction];

/** One entry of a change set: the object, what happened, and why when it was skipped. */
export interface Change {
  ref: string;
  action: ChangeAction;
  reason?: string;
  /**
   * For a `configured` object that existed: the fields whose live value differed from the
   * desired one before the apply. In steady state those differences are drift.
   */
  fields?: { path: string; desired?: unknown; live?: unknown }[];
}

/** `Kind namespace/name`, the way every message names an object. */
export function formatRef(o: {
  kind: string;
  metadata?: { name?: string; namespace?: string };
  name?: string;
  namespace?: string;
}): string {
  const name = o.metadata?.name ?? o.name;
  const namespace = o.metadata?.namespace ?? o.namespace;
  return `${o.kind} ${namespace ? `${namespace}/` : ''}${name}`;
}
