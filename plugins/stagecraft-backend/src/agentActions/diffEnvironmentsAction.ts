import type { AgentActionDeps } from './AgentActionDeps';
import {
  componentField,
  componentRefOfInput,
  environmentField,
  READ_ONLY,
} from './componentInput';
import { compareEnvironments } from './environmentComparison';
import { MAX_DIFF_BYTES, manifestDiff } from './manifestDiff';

/** `diff-environments`: what differs between a component's deployments in two environments. */
export function registerDiffEnvironmentsAction({
  registry,
  actions,
  runtime,
}: AgentActionDeps) {
  registry.register({
    name: 'diff-environments',
    title: 'Compare two environments',
    description: [
      'Compares what a component runs in two environments: the release, images, desired replicas and, per container, which environment variables exist in one only or are set differently (names only, never values) and the resource requests and limits; `differences` says each in one sentence (empty when they run the same).',
      `Also returns a unified diff of the rendered manifests, environment variable values shown as <hidden> (at most ${
        MAX_DIFF_BYTES / 1024
      } KiB; namespaces and hostnames differ by design).`,
      'Use it before promote to see what a promotion would change, or to find why one environment behaves differently.',
    ].join(' '),
    attributes: READ_ONLY,
    schema: {
      input: z =>
        z.object({
          component: componentField(z),
          from: environmentField(
            z,
            'The environment to compare from',
            'staging',
          ),
          to: environmentField(
            z,
            'The environment to compare with (a different one)',
            'production',
          ),
        }),
      output: z => {
        const resources = (side: string) =>
          z
            .record(z.record(z.string()))
            .optional()
            .describe(
              `Requests and limits in \`${side}\`, e.g. {requests: {cpu: "250m"}}.`,
            );
        return z.object({
          release: z
            .object({
              from: z.string().describe('Release in `from`.'),
              to: z.string().describe('Release in `to`.'),
              same: z.boolean().describe('Whether they run the same release.'),
            })
            .describe('The releases.'),
          images: z
            .object({
              from: z.array(z.string()).describe('Images in `from`.'),
              to: z.array(z.string()).describe('Images in `to`.'),
              same: z.boolean().describe('Whether the images are the same.'),
            })
            .describe('The container images.'),
          replicas: z
            .object({
              from: z
                .number()
                .optional()
                .describe('Desired replicas in `from`.'),
              to: z.number().optional().describe('Desired replicas in `to`.'),
              same: z.boolean().describe('Whether they are the same.'),
            })
            .describe('Desired replicas, as the clusters report them.'),
          containers: z
            .array(
              z.object({
                workload: z.string().describe('Kind and name of the workload.'),
                container: z.string().describe('The container.'),
                imageFrom: z
                  .string()
                  .optional()
                  .describe(
                    'Its image in `from`; absent when it is not there.',
                  ),
                imageTo: z
                  .string()
                  .optional()
                  .describe('Its image in `to`; absent when it is not there.'),
                envOnlyInFrom: z
                  .array(z.string())
                  .describe('Env var names set only in `from`.'),
                envOnlyInTo: z
                  .array(z.string())
                  .describe('Env var names set only in `to`.'),
                envValueDiffers: z
                  .array(z.string())
                  .describe(
                    'Env var names set in both, to different values (values are not shown).',
                  ),
                resourcesFrom: resources('from'),
                resourcesTo: resources('to'),
                resourcesSame: z
                  .boolean()
                  .describe('Whether requests and limits are the same.'),
              }),
            )
            .describe(
              'Each container of each workload, in either environment.',
            ),
          differences: z
            .array(z.string())
            .describe(
              'Every difference above, one sentence each; empty when none.',
            ),
          manifestDiff: z
            .string()
            .describe(
              'Unified diff of the rendered manifests, `from` → `to`; empty when identical.',
            ),
          manifestDiffTruncated: z
            .string()
            .optional()
            .describe('Why the diff is cut or missing, when it is.'),
        });
      },
    },
    examples: [
      {
        title:
          'What would promoting checkout-api from staging change in production?',
        input: { component: 'checkout-api', from: 'staging', to: 'production' },
      },
    ],
    action: async ({ input, credentials }) => {
      const componentRef = componentRefOfInput(input.component);
      const ctx = { credentials };
      const side = async (environment: string) => {
        const target = { componentRef, environment };
        const [status, yaml] = await Promise.all([
          actions.getDeployment(target, ctx),
          runtime.getManifests(target, ctx),
        ]);
        return { status, yaml };
      };
      const [from, to] = await Promise.all([side(input.from), side(input.to)]);
      const diff = manifestDiff(
        { environment: input.from, yaml: from.yaml },
        { environment: input.to, yaml: to.yaml },
      );
      return {
        output: {
          ...compareEnvironments(from, to),
          manifestDiff: diff.diff,
          manifestDiffTruncated: diff.truncated,
        },
      };
    },
  });
}
