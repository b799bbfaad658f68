import type { Zod } from './componentInput';

/** The ranges the observability actions accept, as the REST API's enum. */
export const rangeField = (z: Zod, what: string) =>
  z
    .enum(['15m', '30m', '1h', '3h', '6h', '12h', '24h'])
    .optional()
    .describe(`${what}, back from now: 15m to 24h. Default 1h.`);

/** ok / not-configured / unavailable, as every observability answer states it. */
export const providerStateField = (z: Zod) =>
  z
    .enum(['ok', 'not-configured', 'unavailable'])
    .describe(
      'ok: the provider answered. not-configured: the environment has no provider (an answer, not an error). unavailable: it failed; reason says how.',
    );

/** CPU and memory in use. */
export const usageShape = (z: Zod, what: string) =>
  z
    .object({
      cpuMillicores: z
        .number()
        .describe('CPU in millicores (1000 = one core).'),
      memoryBytes: z.number().describe('Memory (working set) in bytes.'),
    })
    .optional()
    .describe(what);

/** Requests or limits. */
export const amountsShape = (z: Zod, what: string) =>
  z
    .object({
      cpuMillicores: z
        .number()
        .optional()
        .describe('CPU in millicores; absent when not set.'),
      memoryBytes: z
        .number()
        .optional()
        .describe('Memory in bytes; absent when not set.'),
    })
    .describe(what);
