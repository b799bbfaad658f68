import { TemplateSpec } from '@stagecraft/plugin-stagecraft-common';
import { checkInvariants } from '../compiler/checkInvariants';
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
}): { manifests: Manifest[]; problems: string[] } {
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

  let manifests = o.manifests;
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
      manifests = [...manifests, object];
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
    };
  }

  const violations = [
    ...checkInvariants(manifests, o.component.namespace, o.producer, {
      scope: o.security,
      before: o.manifests,
    }),
    ...changedPolicies(o.manifests, manifests, o.producer),
  ];
  return violations.length > 0
    ? { manifests: o.manifests, problems: violations }
    : { manifests, problems: [] };
}

/**
 * Templates may not add, drop or alter NetworkPolicies: isolation is the compiler's alone.
 * Patching returns new objects only for what it touched, so identity tells what changed.
 */
function changedPolicies(
  before: Manifest[],
  after: Manifest[],
  producer: string,
): string[] {
  const policies = (ms: Manifest[]) =>
    ms.filter(m => m.kind === 'NetworkPolicy');
  const [a, b] = [policies(before), policies(after)];
  const same = a.length === b.length && a.every((policy, i) => policy === b[i]);
  return same ? [] : [`${producer} adds, drops or changes NetworkPolicies`];
}
