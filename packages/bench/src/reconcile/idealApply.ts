import { KubeConfig } from '@kubernetes/client-node';
import { Manifest } from '@stagecraft/plugin-stagecraft-node';
import { boundedMap } from '@stagecraft/plugin-stagecraft-backend/src/apply/boundedMap';
import { IdealConnection, IdealRequest } from './idealConnection';

/** What an ideal client is given: the set in the applier's stages, and per deployment. */
export interface IdealApplyInput {
  kubeConfig: KubeConfig;
  /** Namespaces, then the rest (`applyStages`). */
  stages: Manifest[][];
  /** Each deployment's own objects (not the shared Namespaces), in the planner's order. */
  deployments: Manifest[][];
  fieldManager: string;
  parallelism: number;
}

/**
 * The least a client can do to server-side apply a rendered set: one forced apply PATCH per
 * object, nothing else — no compile, no database, no dry run, no GET, no discovery — `parallelism`
 * at a time over one keep-alive connection ({@link IdealConnection}). Stages in turn (the
 * Namespaces must exist before what lives in them is accepted); within a stage every object at
 * once, in no kind order, since the API server checks no reference between the namespaced
 * kinds: the fastest order it accepts. On 2 cores, 4 in flight beat 16 and more: parallel
 * requests cost the API server CPU.
 */
export async function idealApply(
  o: IdealApplyInput,
): Promise<{ ms: number; requests: number }> {
  return timed(o, connection =>
    o.stages.map(stage => stage.map(object => connection.prepare(object, o))),
  );
}

/**
 * The least a client can do that keeps the control plane's guarantee — nothing of a
 * deployment is written before the server has accepted all of it: each deployment's first
 * object stands for its own dry run (as the control plane's applier does) and every other
 * object is dry-run before anything of it is applied. So: the Namespaces; then the dry runs
 * (every object of every deployment but its first); then every other object, shared ones
 * (the projects' default-deny policies) included. The same requests as the control plane sends
 * for a set from empty, without its compile, database or waits between deployments: the
 * floor for issue 18's converge while the dry runs stay.
 */
export async function idealGuardedApply(
  o: IdealApplyInput,
): Promise<{ ms: number; requests: number }> {
  const [namespaces, rest] = o.stages;
  return timed(o, connection => {
    const apply = (object: Manifest) => connection.prepare(object, o);
    const dryRun = (object: Manifest) =>
      connection.prepare(object, { ...o, dryRun: true });
    return [
      namespaces.map(apply),
      o.deployments.flatMap(d => d.slice(1)).map(dryRun),
      rest.map(apply),
    ];
  });
}

/** Prepares the phases' requests, then sends them phase by phase and times that only. */
async function timed(
  o: IdealApplyInput,
  prepare: (connection: IdealConnection) => IdealRequest[][],
): Promise<{ ms: number; requests: number }> {
  const connection = await IdealConnection.open(o.kubeConfig, o.parallelism);
  try {
    const phases = prepare(connection);
    const started = performance.now();
    for (const phase of phases)
      await boundedMap(phase, o.parallelism, r => connection.send(r));
    return {
      ms: performance.now() - started,
      requests: phases.reduce((n, phase) => n + phase.length, 0),
    };
  } finally {
    connection.close();
  }
}
