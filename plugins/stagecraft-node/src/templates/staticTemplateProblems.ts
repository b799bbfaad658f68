import { TemplateSpec } from '@stagecraft/plugin-stagecraft-common';
import { ALLOWED_KINDS } from '../compiler/checkInvariants';
import { validateParameters } from './validateParameters';

const EXPRESSION = /\$\{/;

/**
 * What is wrong with a component type's or trait's template whatever component uses it, found
 * without compiling one: a parameter schema that is not JSON Schema, an object of a kind no
 * component may produce, a literal namespace (objects always go to the component's
 * namespace), a patch on NetworkPolicies. These are the compiler's own rules
 * ({@link ALLOWED_KINDS}, the invariants re-checked after every template) applied to the parts
 * of a template that hold no expression; a component that uses the template meets the same
 * rules again when it is compiled, with values filled in. Paths are under the entity's `spec`.
 */
export function staticTemplateProblems(
  spec: TemplateSpec,
): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  if (spec.parameters) {
    try {
      validateParameters(spec.parameters, {});
    } catch (error) {
      problems.push({
        path: 'spec.parameters',
        message: `not a valid JSON Schema: ${(error as Error).message}`,
      });
    }
  }
  (spec.creates ?? []).forEach((create, i) => {
    const { kind, metadata } = create.template as {
      kind?: unknown;
      metadata?: { namespace?: unknown };
    };
    if (
      typeof kind === 'string' &&
      !EXPRESSION.test(kind) &&
      !ALLOWED_KINDS.has(kind)
    ) {
      problems.push({
        path: `spec.creates[${i}].template.kind`,
        message: `kind ${kind} is not allowed; a component may produce only ${[
          ...ALLOWED_KINDS,
        ].join(', ')}`,
      });
    }
    const namespace = metadata?.namespace;
    if (
      namespace !== undefined &&
      !(typeof namespace === 'string' && EXPRESSION.test(namespace))
    ) {
      problems.push({
        path: `spec.creates[${i}].template.metadata.namespace`,
        message: `objects are created in the component's namespace; a fixed namespace (${JSON.stringify(
          namespace,
        )}) would leave it`,
      });
    }
  });
  (spec.patches ?? []).forEach((patch, i) => {
    if (patch.target.kind === 'NetworkPolicy') {
      problems.push({
        path: `spec.patches[${i}].target.kind`,
        message:
          "templates may not change NetworkPolicies: isolation is the compiler's alone",
      });
    }
  });
  return problems;
}
