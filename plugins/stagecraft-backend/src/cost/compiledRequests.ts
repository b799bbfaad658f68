import { loadAllYaml } from '@kubernetes/client-node';
import { parseQuantity } from '../apply/quantity';
import { divideRoundingHalfUp } from './money';
import type { Amounts } from './types';

/**
 * A Kubernetes quantity (`250m`, `1.5Gi`) × `perUnit` as a whole number, exactly (the one
 * quantity parser, apply/quantity.ts), rounded half up; `undefined` when it is no quantity.
 * CPU: perUnit 1000 → millicores; memory: perUnit 1 → bytes.
 */
export function quantityIn(
  input: unknown,
  perUnit: bigint,
): number | undefined {
  if (typeof input !== 'string' && typeof input !== 'number') return undefined;
  const q = parseQuantity(input);
  if (!q || q.coefficient < 0n) return undefined;
  const scaled = q.coefficient * perUnit;
  const value =
    q.exponent >= 0
      ? scaled * 10n ** BigInt(q.exponent)
      : divideRoundingHalfUp(scaled, 10n ** BigInt(-q.exponent));
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? undefined : Number(value);
}

interface WorkloadLike {
  kind?: string;
  spec?: {
    replicas?: unknown;
    template?: {
      spec?: {
        containers?: { resources?: { requests?: Record<string, unknown> } }[];
      };
    };
  };
}

// Workloads whose pods run all the time; a Job's or CronJob's come and go and are not priced.
const LONG_RUNNING = new Set(['Deployment', 'StatefulSet', 'ReplicaSet']);

/**
 * The requests a compiled release asks for: per long-running workload, its replicas (1 when
 * unset) × the sum of its containers' requests. For deployments without pods to read (a
 * GitOps target, not applied yet). Unparsable YAML is the compiler's error: none.
 */
export function compiledRequests(yaml: string): Amounts | undefined {
  let objects: WorkloadLike[];
  try {
    objects = (loadAllYaml(yaml) as WorkloadLike[]).filter(
      o => o && typeof o === 'object',
    );
  } catch {
    return undefined;
  }
  let cpu = 0;
  let memory = 0;
  let any = false;
  for (const o of objects) {
    if (!LONG_RUNNING.has(o.kind ?? '')) continue;
    const replicas =
      typeof o.spec?.replicas === 'number' &&
      Number.isInteger(o.spec.replicas) &&
      o.spec.replicas >= 0
        ? o.spec.replicas
        : 1;
    for (const c of o.spec?.template?.spec?.containers ?? []) {
      const requests = c.resources?.requests ?? {};
      const m = quantityIn(requests.cpu, 1000n);
      const b = quantityIn(requests.memory, 1n);
      if (m !== undefined) cpu += replicas * m;
      if (b !== undefined) memory += replicas * b;
      any = any || m !== undefined || b !== undefined;
    }
  }
  return any ? { cpuMillicores: cpu, memoryBytes: memory } : {};
}
