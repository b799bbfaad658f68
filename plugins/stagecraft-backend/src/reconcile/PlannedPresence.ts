import {
  DeploymentKey,
  deploymentKeyString,
} from '../deployment/DeploymentKey';
import type { PresenceRead } from '../plan/planStoredDeployment';

/**
 * What the last plan of each deployment on this replica read of its neighbours'
 * deployments (`PresenceRead`). When a neighbour arrives or leaves, a deployment whose plan
 * already read that neighbour's current row needs no re-plan: compiling it again would give
 * the same objects. In a converge from empty every deployment is desired before any is
 * applied, so the arrival of each would otherwise re-plan its neighbours once more for
 * nothing (3,974 reconciles for 2,000 deployments).
 *
 * A run forgets its deployment's entry when it starts and records what its plan read as soon
 * as the plan is made (a run still applying it will apply what a re-plan would), and forgets it
 * again if the run fails (its retry plans afresh). Between start and plan nothing is known, so
 * an arrival then re-plans as before. The entry stands for the last plan of the deployment by
 * any replica: runs of one deployment are serialised by its lease, a later run read the same
 * or a newer generation, and generations only grow.
 */
export class PlannedPresence {
  private readonly byKey = new Map<string, PresenceRead>();

  /** A run of `key` started (until it has planned, what it reads is not known) or failed. */
  forget(key: string): void {
    this.byKey.delete(key);
  }

  /** A run of `key` planned from `presence` (none: nothing is known). */
  record(key: string, presence: PresenceRead | undefined): void {
    if (presence) this.byKey.set(key, presence);
    else this.byKey.delete(key);
  }

  /**
   * Whether the last plan of `target` read `componentRef`'s deployment at
   * `generation` (0: no deployment), so a re-plan for its change would change nothing.
   */
  sawCurrent(
    target: DeploymentKey,
    componentRef: string,
    generation: number,
  ): boolean {
    const read = this.byKey
      .get(deploymentKeyString(target))
      ?.get(componentRef.toLocaleLowerCase('en-US'));
    return read === generation;
  }

  /**
   * Whether the last plan of `key` read every deployment it involves at its current
   * generation (`generationOf`, by lower-case ref; 0: no deployment), so the environment's
   * arrivals and departures since cannot change it. False when nothing is recorded.
   */
  readCurrent(
    key: string,
    generationOf: (lowerRef: string) => number,
  ): boolean {
    const read = this.byKey.get(key);
    if (!read) return false;
    for (const [ref, generation] of read)
      if (generationOf(ref) !== generation) return false;
    return true;
  }
}
