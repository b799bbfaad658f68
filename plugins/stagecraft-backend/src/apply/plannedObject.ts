import { KubernetesObject } from '@kubernetes/client-node';
import { Manifest } from '@stagecraft/plugin-stagecraft-node';
import { Change, ChangeAction, formatRef } from './ChangeSet';
import { FieldDiff } from './liveDiff';

/** Consecutive plans of the same kind, in order. */
export function runsOfKind(plans: Planned[]): Planned[][] {
  const runs: Planned[][] = [];
  for (const plan of plans) {
    const last = runs[runs.length - 1];
    if (last && last[0].object.kind === plan.object.kind) last.push(plan);
    else runs.push([plan]);
  }
  return runs;
}

export const unchanged = (plan: Planned): Change => ({
  ref: formatRef(plan.object),
  action: ChangeAction.Unchanged,
});

/**
 * One object of a stage: its live state when it exists, the fields that differ from it, and
 * whether it can be left alone.
 */
export type Planned = {
  object: Manifest;
  /** `manifestDigest(object)`, under which the live state cache remembers verdicts. */
  digest: string;
  /** The object as the body of its dry run and apply (`serialiseManifest`). */
  json: string;
  live?: KubernetesObject;
  diffs: FieldDiff[];
  upToDate: boolean;
};
