import {
  apiGroupOf,
  APPLY_STAGES,
  ApplyStage,
  MANAGED_KINDS,
  ManagedKind,
} from './managedKinds';

/**
 * What the compiler, the applier, the inventory and the watch know about kinds, read from
 * {@link MANAGED_KINDS}, never written down a second time.
 */

const rows = new Map(
  MANAGED_KINDS.map((row, rank) => [row.kind, { row, rank }]),
);

/** The table's row of a kind, by name; undefined for a kind Stagecraft does not manage. @public */
export function managedKind(kind: string): ManagedKind | undefined {
  return rows.get(kind)?.row;
}

/** The kinds whose objects are watched for drift. @public */
export const WATCHED_KINDS: readonly ManagedKind[] = MANAGED_KINDS.filter(
  k => k.watched,
);

/** The kinds a component may produce. @public */
export const COMPONENT_KINDS: readonly ManagedKind[] = MANAGED_KINDS.filter(
  k => k.allowedForComponents,
);

/**
 * Whether a component may produce the object: its kind is allowed for components and it is
 * that kind's API group, not another group's kind of the same name (Knative's `Service`), which
 * would be applied but never watched.
 * @public
 */
export function isAllowedForComponents(object: {
  apiVersion: string;
  kind: string;
}): boolean {
  const row = managedKind(object.kind);
  return (
    row !== undefined &&
    row.allowedForComponents &&
    apiGroupOf(row.apiVersion) === apiGroupOf(object.apiVersion)
  );
}

/**
 * Orders two kinds for applying: the table's order, then kinds it does not list, by name.
 * Reversed, it is the prune order.
 * @public
 */
export function compareApplyOrder(a: string, b: string): number {
  const rank = (kind: string) => rows.get(kind)?.rank ?? MANAGED_KINDS.length;
  return rank(a) - rank(b) || a.localeCompare(b);
}

/**
 * The objects in apply stages ({@link APPLY_STAGES}, empty ones left out), each in apply order;
 * objects of one kind keep the order they were given in. A kind the table does not list goes
 * in the last stage, after the others.
 * @public
 */
export function applyStages<T extends { kind: string }>(objects: T[]): T[][] {
  const last = APPLY_STAGES[APPLY_STAGES.length - 1];
  const stageOf = (o: T): ApplyStage => managedKind(o.kind)?.stage ?? last;
  return APPLY_STAGES.map(stage =>
    objects
      .filter(o => stageOf(o) === stage)
      .sort((a, b) => compareApplyOrder(a.kind, b.kind)),
  ).filter(stage => stage.length > 0);
}
