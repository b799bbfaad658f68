import { formatTable, printable } from './table';

/** The output of stagecraft:explain-traffic, as far as the CLI prints it. */
export interface TrafficExplanation {
  allowed: boolean;
  reason: string;
  fromRef: string;
  toRef: string;
  endpointRef?: string;
  environment: string;
  declaration?: { path: string; written: string };
  visibility?: { visibility: string; permits: boolean; rule: string };
  evidence?: {
    policies: {
      namespace: string;
      name: string;
      direction: string;
      effect: string;
      ruleIndex?: number;
      uncertain?: string;
    }[];
    destinationPort?: { port: number; protocol: string };
  };
  nextStep?: string;
}

/**
 * The verdict and the connection in one line, then why: the reason, the declaration, the
 * visibility rule, the policies that decided each direction, and what to change.
 */
export function formatTrafficExplanation(e: TrafficExplanation): string {
  const port = e.evidence?.destinationPort;
  const to = e.endpointRef ? `${e.endpointRef} (${e.toRef})` : e.toRef;
  const lines = [
    `${e.allowed ? 'allowed' : 'denied'}: ${e.fromRef} → ${to}${
      port ? ` on ${port.port}/${port.protocol}` : ''
    } in ${e.environment}`,
    `reason: ${e.reason}`,
    `declared: ${
      e.declaration
        ? `${e.declaration.path} (${e.declaration.written})`
        : 'no dependsOn entry'
    }`,
  ];
  if (e.visibility)
    lines.push(
      `visibility: ${e.visibility.visibility}, ${
        e.visibility.permits ? 'permits' : 'does not permit'
      } the caller: ${e.visibility.rule}`,
    );
  if (e.nextStep) lines.push(`next step: ${e.nextStep}`);
  const text = lines.map(l => printable(l, { oneLine: true })).join('\n');
  const policies = e.evidence?.policies ?? [];
  if (policies.length === 0) return `${text}\n`;
  return `${text}\n\n${formatTable(
    ['DIRECTION', 'POLICY', 'EFFECT', 'RULE', 'UNCERTAIN'],
    policies.map(p => [
      p.direction,
      `${p.namespace}/${p.name}`,
      p.effect,
      p.ruleIndex,
      p.uncertain,
    ]),
  )}`;
}
