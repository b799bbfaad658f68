/**
 * One reason an entity document is invalid.
 *
 * @public
 */
export interface EntityProblem {
  /** Where the entity came from: a file path, a URL or a scaffolder workspace path. */
  source: string;
  /** The entity ref (`kind:namespace/name`) when the document got far enough to have one. */
  entityRef?: string;
  /** The field at fault, as a dotted path (`spec.endpoints[0].port`), or `''` for the document. */
  path: string;
  /** What is wrong, written for the person who has to fix it. */
  message: string;
  /**
   * The environment(s) a compile problem was found in, comma-separated (`staging, production`);
   * absent for problems of the entity itself, which hold in every environment.
   */
  environment?: string;
  /**
   * Absent means `error`. A `warning` is reported but does not make the input invalid; a
   * `pending` connection (its target is not deployed yet) is what `render` reports about
   * runtime state, never a problem of the input.
   */
  severity?: 'error' | 'warning' | 'pending';
  /** For a problem found by compiling, the compiler's stable code (`replicas-out-of-bounds`). */
  code?: string;
}
