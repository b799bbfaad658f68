import type { ResourceAmounts } from '@stagecraft/plugin-stagecraft-common';

/** CPU and memory a container asks for or is capped at; a field is absent when not set. */
export type { ResourceAmounts } from '@stagecraft/plugin-stagecraft-common';

/** Sums amounts; a field is present when any part has it. */
export function sumAmounts(parts: ResourceAmounts[]): ResourceAmounts {
  const sum: ResourceAmounts = {};
  for (const part of parts) {
    if (part.cpuMillicores !== undefined)
      sum.cpuMillicores = (sum.cpuMillicores ?? 0) + part.cpuMillicores;
    if (part.memoryBytes !== undefined)
      sum.memoryBytes = (sum.memoryBytes ?? 0) + part.memoryBytes;
  }
  return sum;
}
