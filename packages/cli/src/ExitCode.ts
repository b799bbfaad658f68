/**
 * Exit codes of the `stagecraft` command, documented in the package README.
 *
 * @public
 */
export const ExitCode = {
  /** Everything checked is valid. */
  Ok: 0,
  /** The input has problems (they were printed). */
  Problems: 1,
  /** The command was used wrongly, or an input could not be read. */
  Usage: 2,
} as const;

/**
 * Output streams, replaceable in tests.
 *
 * @public
 */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}
