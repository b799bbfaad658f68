import type { LogLine } from '@stagecraft/plugin-stagecraft-common';
import { printable } from './table';

/**
 * A log line for a terminal: `[pod/container] text`. The text is the pod's, so anyone who can
 * make the component log can put escape sequences in it; they are shown, not obeyed.
 */
export function logLineText(line: LogLine): string {
  return printable(`[${line.pod}/${line.container}] ${line.text}`, {
    oneLine: true,
  }).concat('\n');
}
