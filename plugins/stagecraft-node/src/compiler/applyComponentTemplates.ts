import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  ComponentTypeSpec,
  DeployableComponentEntity,
  TemplateSpec,
  traitSpecSchema,
} from '@stagecraft/plugin-stagecraft-common';
import { CompilerExtensions } from '../extensions/CompilerExtensions';
import { applyTemplate, ComponentContext } from '../templates/applyTemplate';
import { SecurityScope } from './security/exceptions';
import { CatalogIndex } from './CatalogIndex';
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

  const steps: {
    producer: string;
    path: string;
    spec: TemplateSpec;
    parameters: Record<string, unknown>;
  }[] = [
    {
      producer: `component type "${o.component.spec.type}"`,
      path: 'spec.deploy.parameters',
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
      spec,
      parameters: trait.parameters ?? {},
    });
  }

  let manifests = o.manifests;
  for (const step of steps) {
    const result = applyTemplate({
      producer: step.producer,
      spec: step.spec,
      parameters: step.parameters,
      component: o.context,
      security: o.security,
      manifests,
    });
    for (const problem of result.problems)
      error('template-rejected', step.path, `${ref}: ${problem}`);
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

function resolveTrait(
  index: CatalogIndex,
  extensions: CompilerExtensions | undefined,
  name: string,
  namespace?: string,
) {
  const entity = index.get(CatalogIndex.ref(name, 'Trait', namespace));
  const fromCatalog = entity
    ? traitSpecSchema.safeParse(entity.spec)
    : undefined;
  if (fromCatalog?.success) return fromCatalog.data;
  return extensions?.traits.get(name);
}
