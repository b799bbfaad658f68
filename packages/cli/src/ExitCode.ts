/**
 * Exit codes of the `stagecraft` command, documented in the package README. Scripts branch on
 * them, so a code keeps its meaning across releases.
 *
 * @public
 */
export const ExitCode = {
  /** Everything checked is valid; the backend did what was asked. */
  Ok: 0,
  /** The input has problems (they were printed). */
  Problems: 1,
  /** The backend refused the request (the pipeline rule, a decided approval) or failed. */
  Failed: 1,
  /** The command was used wrongly, or an input could not be read (or the backend found it invalid). */
  Usage: 2,
  /** No such component, environment, release, approval or pod. */
  NotFound: 3,
  /** The token is missing or refused, or the caller lacks the permission. */
  NotAllowed: 4,
  /** The backend could not be reached, or what answered is not Stagecraft. */
  Unreachable: 5,
  /** `promote` asked for an approval instead of deploying: someone else must approve. */
  ApprovalPending: 6,
} as const;

/**
 * Where the command writes, and what interrupts it; replaceable in tests.
 *
 * @public
 */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /**
   * Aborted when the user interrupts a command that runs until then (`logs -f`). Without it,
   * such a command listens for SIGINT (Ctrl-C) itself.
   */
  interrupt?: AbortSignal;
}
