import { TemplateSpec } from '@stagecraft/plugin-stagecraft-common';
import { checkInvariants, ProducerStep } from '../compiler/checkInvariants';
import { SecurityScope } from '../compiler/security/exceptions';
import { Manifest } from '../compiler/types';
import { deepMerge } from './deepMerge';
import {
  celContext,
  evaluateExpression,
  evaluateTemplate,
  TemplateError,
} from './evaluateTemplate';
import { validateParameters } from './validateParameters';

/** What template expressions see about the component being compiled. */
export interface ComponentContext {
  name: string;
  project: string;
  environment: string;
  namespace: string;
  replicas: number;
  image: string;
  labels: Record<string, string>;
  selector: Record<string, string>;
}

/**
 * Runs one component type's or trait's template over a component's manifests: validates the
 * parameters, adds what it creates (in the component's namespace, with the component's
 * labels) and merges its patches. Then the invariants are re-checked: a template that leaves
 * the namespace, emits a forbidden kind, touches a NetworkPolicy or loosens pod security
 * beyond what `security` (the Environment) allows is rejected with a message naming it, the
 * object and the field, and none of its output is kept. Security is checked after every
 * step, against the step's input, so the blame falls on the step that loosened a field even
 * when it patched an object another step generated.
 */
export function applyTemplate(o: {
  producer: string;
  spec: TemplateSpec;
  parameters: Record<string, unknown>;
  component: ComponentContext;
  security: SecurityScope;
  manifests: Manifest[];
}): { manifests: Manifest[]; problems: string[]; timedOut?: boolean } {
  const { parameters, problems } = validateParameters(
    o.spec.parameters,
    o.parameters,
  );
  if (problems.length > 0)
    return {
      manifests: o.manifests,
      problems: problems.map(p => `${o.producer}: ${p}`),
    };
  const context = celContext({ component: o.component, parameters });
  const included = (condition: string | undefined, path: string) =>
    condition === undefined ||
    evaluateExpression(condition.slice(2, -1), context, path) === true;

  // Creates append and patches replace in place, so the output lines up with the input and
  // checkInvariants can tell what this step changed.
  let manifests = [...o.manifests];
  try {
    for (const [i, create] of (o.spec.creates ?? []).entries()) {
      if (!included(create.includeWhen, `creates[${i}].includeWhen`)) continue;
      const object = evaluateTemplate(
        create.template,
        context,
        `creates[${i}].template`,
      ) as Manifest;
      if (
        typeof object?.kind !== 'string' ||
        typeof object?.metadata?.name !== 'string'
      ) {
        throw new TemplateError(
          `creates[${i}]`,
          'must produce an object with kind and metadata.name',
        );
      }
      object.metadata = {
        ...object.metadata,
        namespace: object.metadata.namespace ?? o.component.namespace,
        labels: { ...object.metadata.labels, ...o.component.labels },
      };
      manifests.push(object);
    }
    for (const [i, patch] of (o.spec.patches ?? []).entries()) {
      if (!included(patch.includeWhen, `patches[${i}].includeWhen`)) continue;
      const merge = evaluateTemplate(
        patch.merge,
        context,
        `patches[${i}].merge`,
      );
      manifests = manifests.map(m =>
        m.kind === patch.target.kind &&
        (!patch.target.name || m.metadata.name === patch.target.name)
          ? deepMerge(m, merge)
          : m,
      );
    }
  } catch (error) {
    return {
      manifests: o.manifests,
      problems: [`${o.producer}: ${(error as Error).message}`],
      // The one verdict that depends on the machine, not only on the input: a busy one can
      // run out of the time budget where an idle one would not.
      ...(context.meter.failure?.limit === 'time' ? { timedOut: true } : {}),
    };
  }

  const step = {
    producer: o.producer,
    namespace: o.component.namespace,
    security: o.security,
    before: o.manifests,
    after: manifests,
  };
  const violations = [...checkInvariants(step), ...changedPolicies(step)];
  return violations.length > 0
    ? { manifests: o.manifests, problems: violations }
    : { manifests, problems: [] };
}

/**
 * Templates may not add, drop or alter NetworkPolicies: isolation is the compiler's alone.
 * Creates append and patches return new objects only for what they touched, so a step that
 * leaves the policies alone has each of them at the same place, the very same object.
 */
function changedPolicies(step: ProducerStep): string[] {
  const touched = (m: Manifest, other: Manifest | undefined) =>
    m.kind === 'NetworkPolicy' && m !== other;
  const same =
    step.before.every((m, i) => !touched(m, step.after[i])) &&
    step.after.every((m, i) => !touched(m, step.before[i]));
  return same
    ? []
    : [`${step.producer} adds, drops or changes NetworkPolicies`];
}
