import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  ComponentTypeSpec,
  DeployableComponentEntity,
  resolveEntityRef,
  TemplateSpec,
  traitSpecSchema,
} from '@stagecraft/plugin-stagecraft-common';
import { CompilerExtensions } from '../extensions/CompilerExtensions';
import { applyTemplate, ComponentContext } from '../templates/applyTemplate';
import { validateParameters } from '../templates/validateParameters';
import { SecurityScope } from './security/exceptions';
import { CatalogIndex } from './CatalogIndex';
import { TEMPLATE_TIMED_OUT } from './templateTimedOut';
import { Diagnostic, Manifest } from './types';

/**
 * Runs the component's type template, then each of its traits in order, then the policies
 * registered in code. Any problem is an error naming the template or policy; the component is
 * then left out of the output by the caller.
 */
export function applyComponentTemplates(o: {
  index: CatalogIndex;
  extensions: CompilerExtensions | undefined;
  component: DeployableComponentEntity;
  type: ComponentTypeSpec;
  manifests: Manifest[];
  context: ComponentContext;
  security: SecurityScope;
}): { manifests: Manifest[]; diagnostics: Diagnostic[] } {
  const ref = stringifyEntityRef(o.component);
  const deploy = o.component.spec.deploy!;
  const diagnostics: Diagnostic[] = [];
  const error = (code: string, path: string, message: string) =>
    diagnostics.push({
      severity: 'error',
      code,
      entityRef: ref,
      path,
      message,
    });

  // Each step's problems point at the component field that brought the template in: the type
  // (`spec.type`) or the trait (`spec.deploy.traits[i]`); the message names the template and
  // the field inside it. Parameter problems point at the parameter itself.
  const steps: {
    producer: string;
    path: string;
    parametersPath: string;
    spec: TemplateSpec;
    parameters: Record<string, unknown>;
  }[] = [
    {
      producer: `component type "${o.component.spec.type}"`,
      path: 'spec.type',
      parametersPath: 'spec.deploy.parameters',
      spec: o.type,
      parameters: deploy.parameters ?? {},
    },
  ];
  for (const [i, trait] of (deploy.traits ?? []).entries()) {
    const spec = resolveTrait(
      o.index,
      o.extensions,
      trait.name,
      o.component.metadata.namespace,
    );
    if (!spec) {
      error(
        'unknown-trait',
        `spec.deploy.traits[${i}].name`,
        `${ref}: no Trait "${trait.name}" in the catalog or registered by a backend module`,
      );
      continue;
    }
    steps.push({
      producer: `trait "${trait.name}"`,
      path: `spec.deploy.traits[${i}]`,
      parametersPath: `spec.deploy.traits[${i}].parameters`,
      spec,
      parameters: trait.parameters ?? {},
    });
  }

  let manifests = o.manifests;
  for (const step of steps) {
    const invalid = parameterProblems(step.spec, step.parameters);
    for (const problem of invalid) {
      error(
        'invalid-parameters',
        problem.path === undefined
          ? step.path
          : `${step.parametersPath}${problem.path}`,
        `${ref}: ${step.producer}: ${problem.message}`,
      );
    }
    if (invalid.length > 0) continue;
    const result = applyTemplate({
      producer: step.producer,
      spec: step.spec,
      parameters: step.parameters,
      component: o.context,
      security: o.security,
      manifests,
    });
    for (const problem of result.problems)
      error(
        result.timedOut ? TEMPLATE_TIMED_OUT : 'template-rejected',
        step.path,
        `${ref}: ${problem}`,
      );
    manifests = result.manifests;
  }
  for (const policy of o.extensions?.policies ?? []) {
    for (const violation of policy.check({
      componentRef: ref,
      environment: o.context.environment,
      manifests,
    })) {
      error(
        'policy-violated',
        'spec.deploy',
        `${ref}: policy "${policy.name}": ${violation}`,
      );
    }
  }
  return { manifests, diagnostics };
}

/**
 * The parameters checked before the template runs, so that each problem can name the
 * component's own field (`spec.deploy.traits[0].parameters.size`). A parameter schema that is
 * not valid JSON Schema is the template's fault, reported on the step as a whole.
 */
function parameterProblems(
  spec: TemplateSpec,
  parameters: Record<string, unknown>,
): { path?: string; message: string }[] {
  try {
    return validateParameters(spec.parameters, parameters).problems.map(p => {
      const [, field = '', reason = p] =
        /^parameters(\S*): ([\s\S]*)$/.exec(p) ?? [];
      return { path: field, message: `parameters${field}: ${reason}` };
    });
  } catch (e) {
    return [
      {
        message: `its parameter schema is not valid JSON Schema: ${
          (e as Error).message
        }`,
      },
    ];
  }
}

function resolveTrait(
  index: CatalogIndex,
  extensions: CompilerExtensions | undefined,
  name: string,
  namespace?: string,
) {
  const entity = index.get(resolveEntityRef(name, 'Trait', namespace));
  const fromCatalog = entity
    ? traitSpecSchema.safeParse(entity.spec)
    : undefined;
  if (fromCatalog?.success) return fromCatalog.data;
  return extensions?.traits.get(name);
}
