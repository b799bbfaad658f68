/**
 * The `stagecraft` command line.
 *
 * @packageDocumentation
 */

export { run } from './program';
export { ExitCode } from './ExitCode';
export type { Io } from './ExitCode';
