/**
 * Formats one line the way container runtimes write pod logs (the CRI format), which kwok
 * requires of its log files: `<RFC 3339 time> <stream> <F|P> <text>`.
 */
export function podLogLine(text: string, at: Date = new Date()): string {
  return `${at.toISOString()} stdout F ${text}\n`;
}
