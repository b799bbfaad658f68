import { TemplateSpec } from '@stagecraft/plugin-stagecraft-common';
import { performance } from 'node:perf_hooks';
import {
  celContext,
  evaluateTemplate,
} from '@stagecraft/plugin-stagecraft-node/src/templates/evaluateTemplate';
import { exampleTraits } from './exampleTraits';

const ROUNDS = 20_000;

/**
 * Template evaluation alone: every `creates` template and `patches` merge of the example
 * traits, each trait in a fresh context (one template application, as the compiler does).
 * Prints microseconds per trait application: the figure the CEL budget's metering changes.
 */
export function benchTemplateEvaluation() {
  const component = {
    name: 'api',
    project: 'shop',
    environment: 'dev',
    namespace: 'shop-dev',
    replicas: 2,
    image: 'registry.example/api:1',
    labels: { app: 'api' },
    selector: { app: 'api' },
  };
  const parameters = {
    maxReplicas: 5,
    targetCPUUtilization: 70,
    minAvailable: 1,
    size: '1Gi',
    mountPath: '/data',
  };
  const specs = exampleTraits().map(t => t.spec as TemplateSpec);
  const applyAll = () => {
    for (const spec of specs) {
      const context = celContext({ component, parameters });
      for (const create of spec.creates ?? [])
        evaluateTemplate(create.template, context);
      for (const patch of spec.patches ?? [])
        evaluateTemplate(patch.merge, context);
    }
  };
  for (let i = 0; i < ROUNDS / 10; i++) applyAll(); // warm-up
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < ROUNDS; i++) applyAll();
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const applications = ROUNDS * specs.length;
  console.log(
    `template evaluation (example traits, ${applications} applications): ${(
      (wall * 1000) /
      applications
    ).toFixed(2)} µs each; CPU ${(
      (used.user + used.system) /
      applications
    ).toFixed(2)} µs each`,
  );
}
