import { parseEntityRef } from '@backstage/catalog-model';
import type { LogLine } from '@stagecraft/plugin-stagecraft-common';

/**
 * One line of a downloaded log, `2025-01-10T12:00:00Z [pod/container] text`, in the shape of
 * `kubectl logs --timestamps --prefix`, so the file reads the same as one saved from a terminal.
 * The timestamp is left out when the server did not send one.
 */
export function formatLogFileLine(line: LogLine): string {
  const prefix = `[${line.pod}/${line.container}] ${line.text}`;
  return line.timestamp ? `${line.timestamp} ${prefix}` : prefix;
}

/** `checkout-api-staging.log`, or `checkout-api-staging-<pod>.log` for one pod. */
export function logFileName(
  componentRef: string,
  environment: string,
  pod?: string,
): string {
  const { name } = parseEntityRef(componentRef);
  return `${[name, environment, pod].filter(Boolean).join('-')}.log`;
}

/** Saves `lines` as a text file through a Blob URL, which is released once the save starts. */
export function downloadLogFile(fileName: string, lines: LogLine[]) {
  const text = lines.map(line => `${formatLogFileLine(line)}\n`).join('');
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.click();
  URL.revokeObjectURL(url);
}
