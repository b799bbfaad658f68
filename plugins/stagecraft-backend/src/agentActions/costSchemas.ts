import { componentField, Zod } from './componentInput';

/** The scope of `costs` and `cost-recommendations`: everything readable when empty. */
export const costFilterInput = (z: Zod) =>
  z.object({
    environment: z
      .string()
      .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/)
      .max(63)
      .optional()
      .describe('Only this environment, e.g. production; all when absent.'),
    project: z
      .string()
      .min(1)
      .max(253)
      .optional()
      .describe(
        'Only this project (System), by name or ref, e.g. storefront; all when absent.',
      ),
    component: componentField(z).optional(),
  });

export const moneySchema = (z: Zod) =>
  z
    .object({
      micros: z
        .number()
        .int()
        .describe('Integer micro-units (10^-6) of the currency: exact.'),
      amount: z
        .string()
        .describe('The same amount as a decimal string, e.g. "12.345678".'),
    })
    .describe('An exact amount of the currency.');

export const amountsSchema = (z: Zod, what: string) =>
  z
    .object({
      cpuMillicores: z.number().int().optional().describe('CPU in millicores.'),
      memoryBytes: z.number().int().optional().describe('Memory in bytes.'),
    })
    .describe(what);

export const stateFields = (z: Zod) => ({
  state: z
    .enum(['ok', 'not-configured'])
    .describe(
      'not-configured: no rates in stagecraft.cost; nothing is priced (see reason).',
    ),
  reason: z
    .string()
    .optional()
    .describe('Present when not configured: what to set.'),
  currency: z.string().optional().describe('ISO 4217 code, e.g. USD.'),
  hiddenDeployments: z
    .number()
    .int()
    .describe(
      'Deployments left out because the caller may not read their component (a count only).',
    ),
});
