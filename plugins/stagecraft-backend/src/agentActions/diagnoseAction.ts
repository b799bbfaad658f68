import type { AgentActionDeps } from './AgentActionDeps';
import type { Zod } from './componentInput';
import {
  componentField,
  deploymentKeyOf,
  environmentField,
  READ_ONLY,
} from './componentInput';

const findingSchema = (z: Zod) =>
  z.object({
    rule: z
      .string()
      .describe(
        'The rule that found it: image-pull, oom-killed, crash-loop, never-ready, progress-deadline, drift, near-memory-limit, dependencies, undeclared-dependency.',
      ),
    severity: z
      .enum(['critical', 'warning', 'info'])
      .describe(
        'critical: it does not serve; warning: it serves but something will bite.',
      ),
    summary: z.string().describe('One line.'),
    evidence: z
      .array(
        z.object({
          kind: z
            .enum(['log', 'event', 'status', 'history', 'usage'])
            .describe('Where the quote comes from.'),
          text: z.string().describe('Quoted as recorded.'),
          at: z.string().optional().describe('When, ISO 8601.'),
          pod: z.string().optional().describe('The pod it is about.'),
          container: z
            .string()
            .optional()
            .describe('The container it is about.'),
        }),
      )
      .describe('What the finding rests on.'),
    nextStep: z
      .object({
        text: z.string().describe('What to do, in words.'),
        action: z
          .object({
            name: z
              .enum(['rollback', 'redeploy', 'deploy'])
              .describe('The stagecraft action that does it.'),
            input: z
              .record(z.string())
              .describe(
                'Its input: componentRef, environment and, for rollback, releaseId.',
              ),
          })
          .optional()
          .describe('Present when one Stagecraft action takes the step.'),
      })
      .describe('What to do about it.'),
  });

/** `diagnose`: what is wrong with a component in one environment, with evidence and a next step. */
export function registerDiagnoseAction({
  registry,
  diagnosis,
}: AgentActionDeps) {
  if (!diagnosis) return;
  registry.register({
    name: 'diagnose',
    title: 'Diagnose a deployment',
    description: [
      'Finds why a component is down or degraded in one environment, without guessing: rules over its pods and container statuses (crash loops with exit codes, OOMKilled against the memory limit, images that cannot be pulled, pods never ready), events, the last log lines of failing containers, the release history (which release was last good), a missed progress deadline, its dependencies (providers not deployed or down, blocked connections) and connection errors in its logs to components it declares no dependency on (as explain-traffic answers).',
      'Answers findings most severe first, each with quoted evidence (timestamps, pod names) and a next step; nextStep.action names the stagecraft action that takes it (e.g. rollback with its releaseId). No findings means no problem was found; checked lists what was looked at, gaps what could not be read.',
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
          componentRef: z.string().describe('The component, as a full ref.'),
          environment: z.string().describe('The environment.'),
          diagnosedAt: z.string().describe('When the evidence was read.'),
          findings: z
            .array(findingSchema(z))
            .describe('Most severe first; empty when no problem was found.'),
          checked: z.array(z.string()).describe('What the rules looked at.'),
          gaps: z
            .array(z.string())
            .describe('Evidence that could not be read, and why.'),
        }),
    },
    examples: [
      {
        title: 'Why is checkout-api failing in dev?',
        input: { component: 'checkout-api', environment: 'dev' },
      },
    ],
    action: async ({ input, credentials }) => ({
      output: await diagnosis.diagnose(deploymentKeyOf(input), { credentials }),
    }),
  });
}
