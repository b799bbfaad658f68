import type { Zod } from './componentInput';
import { visibilityField } from './trafficSchemas';

/** One consumer → provider path on a port (impact and promotion preview answers). */
export const impactPathSchema = (z: Zod) =>
  z.object({
    fromRef: z.string().describe('The consumer component.'),
    toRef: z.string().describe('The provider component.'),
    endpointRef: z
      .string()
      .optional()
      .describe("The provider's endpoint at the port."),
    port: z.number().describe('The destination port.'),
    protocol: z.enum(['TCP', 'UDP']).describe('The L4 protocol.'),
    declared: z
      .boolean()
      .describe(
        "Whether the consumer's spec.dependsOn declares the endpoint today.",
      ),
  });

/** A connection a release declares, with the policies' verdict before and after. */
export const connectionChangeSchema = (z: Zod) =>
  impactPathSchema(z).extend({
    allowedBefore: z
      .boolean()
      .describe("Whether the target's planned policies admit it now."),
    allowedAfter: z
      .boolean()
      .describe('Whether they would admit it after the promotion.'),
  });

export const narrowingSchema = (z: Zod) =>
  z.object({
    endpointRef: z.string().describe('The endpoint.'),
    from: visibilityField(z),
    to: visibilityField(z),
    refusedConsumers: z
      .array(z.string())
      .describe(
        'Consumers the narrower visibility would refuse: their declared paths close and they stop compiling.',
      ),
  });

export const capacityRowSchema = (z: Zod) =>
  z.object({
    environment: z.string().describe('The environment.'),
    replicas: z.number().optional().describe('Planned replicas.'),
    requests: z
      .array(
        z.object({
          cpu: z.string().optional().describe('CPU request of one container.'),
          memory: z
            .string()
            .optional()
            .describe('Memory request of one container.'),
        }),
      )
      .describe('Requests per container of one pod.'),
    bounds: z
      .object({
        min: z.number().describe('Fewest replicas allowed.'),
        max: z.number().describe('Most replicas allowed.'),
      })
      .optional()
      .describe("The Environment's spec.policy.replicas."),
    note: z
      .string()
      .optional()
      .describe('"no bounds declared", or why the replicas are out of bounds.'),
  });
