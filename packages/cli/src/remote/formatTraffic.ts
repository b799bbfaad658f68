import { stringify } from 'yaml';
import { printable } from './table';

/** The output of stagecraft:explain-traffic, as far as the CLI needs it. */
export interface TrafficExplanation {
  allowed: boolean;
  reason: string;
  evidence?: unknown;
}

/** The verdict first, then why, then the evidence (policies, declarations) as YAML. */
export function formatTrafficExplanation(e: TrafficExplanation): string {
  const lines = [
    e.allowed ? 'allowed' : 'denied',
    `reason: ${printable(e.reason)}`,
  ];
  if (e.evidence !== undefined)
    lines.push(
      'evidence:',
      printable(stringify(e.evidence).trimEnd())
        .split('\n')
        .map(line => `  ${line}`)
        .join('\n'),
    );
  return `${lines.join('\n')}\n`;
}
