import type { AgentActionDeps } from './AgentActionDeps';
import { boundedText } from './boundedText';
import {
  componentField,
  deploymentKeyOf,
  environmentField,
  READ_ONLY,
} from './componentInput';

export const MAX_MANIFEST_BYTES = 128 * 1024;

/** `get-manifests`: the Kubernetes objects a deployment's current release renders to. */
export function registerGetManifestsAction({
  registry,
  runtime,
}: AgentActionDeps) {
  registry.register({
    name: 'get-manifests',
    title: 'Get rendered manifests',
    description: [
      'Returns the Kubernetes objects the release deployed in an environment compiles to (Deployment, Service, NetworkPolicies, routes…), as multi-document YAML: what Stagecraft applies, not what someone changed by hand. Secret values never appear (containers reference Secrets by name).',
      `At most ${
        MAX_MANIFEST_BYTES / 1024
      } KiB, cut at a line end; truncated says whether it was cut.`,
      'Use it to check ports, resources, environment variables or network policies. To compare two environments, call diff-environments instead.',
    ].join(' '),
    attributes: READ_ONLY,
    schema: {
      input: z =>
        z.object({
          component: componentField(z),
          environment: environmentField(z),
        }),
      output: z =>
        z.object({
          yaml: z.string().describe('The objects, as multi-document YAML.'),
          truncated: z
            .boolean()
            .describe(
              `Whether the YAML was cut at ${MAX_MANIFEST_BYTES} bytes.`,
            ),
          totalBytes: z
            .number()
            .describe('The size of the whole YAML in bytes.'),
        }),
    },
    examples: [
      {
        title: 'What checkout-api renders to in production',
        input: { component: 'checkout-api', environment: 'production' },
      },
    ],
    action: async ({ input, credentials }) => {
      const yaml = await runtime.getManifests(deploymentKeyOf(input), {
        credentials,
      });
      const bounded = boundedText(yaml, MAX_MANIFEST_BYTES);
      return {
        output: {
          yaml: bounded.text,
          truncated: bounded.truncated,
          totalBytes: bounded.totalBytes,
        },
      };
    },
  });
}
