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
}
