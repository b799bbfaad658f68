/**
 * What a container's exit code usually means, in words a developer can act on. Codes above 128
 * are 128 + the signal that ended the process.
 */
export function exitCodeMeaning(code: number | undefined): string {
  if (code === undefined) return 'the process ended without an exit code';
  const known: Record<number, string> = {
    0: 'the process exited successfully, but a long-running service must not exit',
    1: 'the process failed with a generic error (see its last log lines)',
    2: 'the process was started with a wrong command or arguments',
    126: 'the command is not executable (permissions or a wrong entrypoint)',
    127: 'the command was not found in the image (check the entrypoint and command)',
    134: 'the process aborted (SIGABRT), often a failed assertion or a native crash',
    137: 'the process was killed (SIGKILL), by the out-of-memory killer or a failed liveness probe',
    139: 'the process crashed with a segmentation fault (SIGSEGV)',
    143: 'the process was terminated (SIGTERM) and did not restart cleanly',
  };
  if (known[code]) return `exit code ${code}: ${known[code]}`;
  if (code > 128)
    return `exit code ${code}: the process was killed by signal ${code - 128}`;
  return `exit code ${code}: the process reported an application error (see its last log lines)`;
}
