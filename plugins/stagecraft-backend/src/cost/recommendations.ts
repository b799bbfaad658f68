import type { RecommendationThresholds } from './costConfig';
import { billedAmounts } from './costLine';
import { HOURS_PER_MONTH, hourlyMicros, moneyOf, RatesMicros } from './money';
import { trafficVerdict } from './observedTraffic';
import type { Amounts, CostInput, CostRecommendation } from './types';

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

const cpuText = (m: number) => `${m}m CPU`;
const memoryText = (b: number) =>
  b >= GIB ? `${(b / GIB).toFixed(2)} GiB` : `${(b / MIB).toFixed(1)} MiB`;

/** The monthly saving of billing `after` instead of `before`, in micros. */
function monthlySaving(
  before: Amounts,
  after: Amounts,
  usage: Amounts | undefined,
  rates: RatesMicros,
) {
  const was = hourlyMicros(billedAmounts(before, usage), rates);
  const then = hourlyMicros(billedAmounts(after, usage), rates);
  return (was - then) * HOURS_PER_MONTH;
}

/**
 * The recommendations for one deployment, from its requests and observed usage; none without
 * observed usage (nothing to compare with) or when the saving is under the threshold.
 * - idle: pods run, together use at most `idleCpuMillicores`, and no traffic signal saw a
 *   request in the last hour (request metrics or traces, when the provider has them; without
 *   any, CPU alone decides and the evidence says so) → undeploy saves its whole cost. Traffic
 *   means not idle, whatever the CPU.
 * - over-provisioned: usage of a resource is below `overProvisionedRatio` × its request →
 *   request usage × `headroom` instead (rounded up), which saves the difference.
 */
export function recommendationsFor(
  input: CostInput,
  rates: RatesMicros,
  t: RecommendationThresholds,
): CostRecommendation[] {
  const { usage, requests } = input;
  if (!usage || input.podCount === 0) return [];
  const base = {
    componentRef: input.componentRef,
    environment: input.environment,
    project: input.project,
  };
  const usedCpu = usage.cpuMillicores ?? 0;
  const usedMemory = usage.memoryBytes ?? 0;
  const observed = `${input.podCount} pod(s) use ${cpuText(
    usedCpu,
  )} and ${memoryText(usedMemory)}; they request ${cpuText(
    requests.cpuMillicores ?? 0,
  )} and ${memoryText(requests.memoryBytes ?? 0)}`;
  const traffic = input.traffic && trafficVerdict(input.traffic);
  if (usedCpu <= t.idleCpuMillicores && !traffic?.seen) {
    const saving =
      hourlyMicros(billedAmounts(requests, usage), rates) * HOURS_PER_MONTH;
    if (saving <= 0n || saving < t.minimumMonthlySaving) return [];
    return [
      {
        kind: 'idle',
        ...base,
        summary: `Idle: undeploy it from ${input.environment} if nothing needs it there`,
        evidence: `${observed} (idle at or below ${cpuText(
          t.idleCpuMillicores,
        )}); ${traffic?.words ?? 'traffic not read: judged by CPU alone'}`,
        monthlySaving: moneyOf(saving),
      },
    ];
  }
  const recommended: Amounts = { ...requests };
  const reduce = (key: keyof Amounts, used: number) => {
    const requested = requests[key];
    if (requested === undefined || requested <= 0) return;
    if (used >= requested * t.overProvisionedRatio) return;
    recommended[key] = Math.min(requested, Math.ceil(used * t.headroom));
  };
  reduce('cpuMillicores', usedCpu);
  reduce('memoryBytes', usedMemory);
  const saving = monthlySaving(requests, recommended, usage, rates);
  if (saving <= 0n || saving < t.minimumMonthlySaving) return [];
  const changes = [
    recommended.cpuMillicores !== requests.cpuMillicores
      ? `CPU ${cpuText(requests.cpuMillicores ?? 0)} → ${cpuText(
          recommended.cpuMillicores ?? 0,
        )}`
      : undefined,
    recommended.memoryBytes !== requests.memoryBytes
      ? `memory ${memoryText(requests.memoryBytes ?? 0)} → ${memoryText(
          recommended.memoryBytes ?? 0,
        )}`
      : undefined,
  ].filter(Boolean);
  return [
    {
      kind: 'over-provisioned',
      ...base,
      summary: `Lower the requests in ${
        input.environment
      } (pod totals): ${changes.join(', ')}`,
      evidence: `${observed} (below ${Math.round(
        t.overProvisionedRatio * 100,
      )} % of the request)${
        traffic?.seen ? `; not idle: ${traffic.words}` : ''
      }`,
      recommendedRequests: recommended,
      monthlySaving: moneyOf(saving),
    },
  ];
}
