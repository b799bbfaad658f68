import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  componentDeploySchema,
  environmentRef,
  resolveEntityRef,
} from '@stagecraft/plugin-stagecraft-common';
import { CatalogIndex } from './CatalogIndex';
import { namespaceManifests } from './namespaceManifests';
import {
  membershipDiagnostics,
  reservedNamespaceProblems,
  unusableNames,
} from './naming';
import { ManifestOwners } from './manifestOwners';
import { orderManifests } from './orderManifests';
import { resolveConnections } from './resolveConnections';
import { compileComponent } from './compileComponent';
import { CompileEnvironmentInput, CompileResult, Diagnostic } from './types';

/**
 * Compiles every deployed component of one environment into ordered manifests. Pure and
 * deterministic: the same entities give byte-identical output. A component with an error is
 * left out entirely (never half-rendered); pending connections are diagnostics, not failures.
 *
 * @public
 */
export function compileEnvironment(
  input: CompileEnvironmentInput,
): CompileResult {
  const index = new CatalogIndex(input.entities);
  const environment = index.environment(input.environment);
  if (!environment || !(environment.spec as { gateway?: unknown }).gateway) {
    return {
      manifests: [],
      diagnostics: [
        {
          severity: 'error',
          code: 'unknown-environment',
          entityRef: environmentRef(input.environment),
          message: `environment "${input.environment}" is not in the catalog (or is invalid)`,
          environment: input.environment,
        },
      ],
    };
  }
  const envName = environment.metadata.name;
  const environmentName = unusableNames([environment]);
  if (environmentName.length > 0)
    return { manifests: [], diagnostics: environmentName };
  const diagnostics: Diagnostic[] = [];
  const wanted = input.deployed
    ? new Set(input.deployed.map(r => resolveEntityRef(r, 'Component')))
    : undefined;

  const components = index.deployableComponents().filter(component => {
    const ref = stringifyEntityRef(component);
    if (wanted && !wanted.has(ref)) return false;
    const parsed = componentDeploySchema.safeParse(component.spec.deploy);
    if (!parsed.success || !component.spec.system) {
      diagnostics.push({
        severity: 'error',
        code: 'invalid-intent',
        entityRef: ref,
        path: 'spec.deploy',
        message: `${ref} has invalid deploy intent; run \`stagecraft validate\` for details`,
      });
      return false;
    }
    // Who may join the project first: a foreign System's ref is not a name to check.
    const problems = membershipDiagnostics(component, index);
    if (problems.length === 0)
      problems.push(
        ...unusableNames([component, ...index.endpointsServedBy(ref)]),
      );
    if (problems.length === 0)
      problems.push(...reservedNamespaceProblems(component, environment));
    diagnostics.push(...problems);
    return problems.length === 0;
  });
  const deployed = new Set(components.map(c => stringifyEntityRef(c)));
  const resolved = resolveConnections(index, envName, components, deployed);
  diagnostics.push(...resolved.diagnostics);

  // Errors found while resolving connections keep the consumer out of the output.
  const failed = new Set(
    resolved.diagnostics
      .filter(d => d.severity === 'error')
      .map(d => d.entityRef),
  );
  const connections = {
    byConsumer: groupBy(resolved.connections, c => c.consumerRef),
    byEndpoint: groupBy(resolved.connections, c => c.endpointRef),
  };

  const owners = new ManifestOwners();
  const projects = new Set<string>();
  for (const component of components) {
    const ref = stringifyEntityRef(component);
    const result = compileComponent(
      index,
      environment,
      component,
      connections,
      input.releases?.[ref],
      input.extensions,
    );
    diagnostics.push(...result.diagnostics);
    const ok =
      !failed.has(ref) && !result.diagnostics.some(d => d.severity === 'error');
    if (ok && result.manifests.length > 0) {
      const collisions = owners.add(ref, result.manifests);
      diagnostics.push(...collisions);
      if (collisions.length === 0) projects.add(component.spec.system!);
    }
  }
  const manifests = owners.manifests();
  for (const project of [...projects].sort())
    manifests.push(...namespaceManifests(project, environment));

  return {
    manifests: orderManifests(manifests),
    diagnostics: sortDiagnostics(diagnostics).map(d => ({
      ...d,
      environment: envName,
    })),
  };
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items)
    groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  const order = { error: 0, warning: 1, pending: 2 };
  return [...diagnostics].sort(
    (a, b) =>
      order[a.severity] - order[b.severity] ||
      a.entityRef.localeCompare(b.entityRef) ||
      a.message.localeCompare(b.message),
  );
}
