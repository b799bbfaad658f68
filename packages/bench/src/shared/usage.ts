/** Prints `usage` when the command line asks for help (`--help`, `-h`); says whether it did. */
export function printedUsage(argv: string[], usage: string): boolean {
  const asked = argv.slice(2).some(arg => arg === '--help' || arg === '-h');
  if (asked) console.log(usage);
  return asked;
}
