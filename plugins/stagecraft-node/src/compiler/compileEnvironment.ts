import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  componentDeploySchema,
  DeployableComponentEntity,
  EnvironmentEntity,
  environmentRef,
  resolveEntityRef,
} from '@stagecraft/plugin-stagecraft-common';
import { CatalogIndex } from './CatalogIndex';
import { applyComponentTemplates } from './applyComponentTemplates';
import { releaseAutoscaledReplicas } from './autoscaledReplicas';
import { checkInvariants } from './checkInvariants';
import { securityScope } from './security/exceptions';
import { componentSelector, labelsFor } from './labels';
import { CompilerExtensions } from '../extensions/CompilerExtensions';
import { resolveComponentType } from './componentTypes';
import { effectiveIntent } from './effectiveIntent';
import { exposeEndpoint } from './exposure';
import { checkGuardrails } from './guardrails';
import { namespaceManifests } from './namespaceManifests';
import {
  namespaceName,
  reservedNamespaceProblems,
  unusableNames,
} from './naming';
import {
  componentEgressPolicy,
  endpointIngressPolicy,
} from './networkPolicies';
import { ManifestOwners } from './manifestOwners';
import { orderManifests } from './orderManifests';
import { Connection, resolveConnections } from './resolveConnections';
import {
  CompileEnvironmentInput,
  CompileResult,
  Diagnostic,
  Manifest,
  ReleaseInput,
} from './types';
import { workloadManifests } from './workloadManifests';

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
    const names = unusableNames([component, ...index.endpointsServedBy(ref)]);
    if (names.length === 0)
      names.push(...reservedNamespaceProblems(component, environment));
    diagnostics.push(...names);
    return names.length === 0;
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

function compileComponent(
  index: CatalogIndex,
  environment: EnvironmentEntity,
  component: DeployableComponentEntity,
  connections: {
    byConsumer: Map<string, Connection[]>;
    byEndpoint: Map<string, Connection[]>;
  },
  release: ReleaseInput | undefined,
  extensions: CompilerExtensions | undefined,
): { manifests: Manifest[]; diagnostics: Diagnostic[] } {
  const ref = stringifyEntityRef(component);
  const project = component.spec.system!;
  const name = component.metadata.name;
  const namespace = namespaceName(project, environment.metadata.name);
  const type = resolveComponentType(index, component, extensions);
  if (!type) {
    return {
      manifests: [],
      diagnostics: [
        {
          severity: 'error',
          code: 'unknown-component-type',
          entityRef: ref,
          path: 'spec.type',
          message: `${ref}: no ComponentType "${component.spec.type}" (built-in: service, web-app, worker, scheduled-job)`,
        },
      ],
    };
  }
  const endpoints = index.endpointsServedBy(ref);
  const diagnostics: Diagnostic[] = [];
  if (endpoints.length > 0 && !type.servesEndpoints) {
    diagnostics.push({
      severity: 'error',
      code: 'type-serves-no-endpoints',
      entityRef: ref,
      path: 'spec.type',
      message: `${ref} is a ${
        component.spec.type
      }, which serves no endpoints, but ${endpoints
        .map(e => e.metadata.name)
        .join(', ')} belong to it`,
    });
  }
  const intent = effectiveIntent(component.spec.deploy!, environment, release);
  diagnostics.push(...checkGuardrails(intent, environment, ref, type.workload));
  if (diagnostics.some(d => d.severity === 'error'))
    return { manifests: [], diagnostics };

  const outgoing = connections.byConsumer.get(ref) ?? [];
  const connectionEnv = Object.assign({}, ...outgoing.map(c => c.env));
  const id = {
    project,
    environment: environment.metadata.name,
    component: name,
  };
  const manifests = workloadManifests({
    id,
    namespace,
    environment,
    intent,
    workload: type.workload,
    endpoints,
    connectionEnv,
  });
  const egress = componentEgressPolicy({
    project,
    component: name,
    namespace,
    environment: environment.metadata.name,
    connections: outgoing,
  });
  if (egress) manifests.push(egress);
  for (const endpoint of endpoints) {
    const endpointRef = stringifyEntityRef(endpoint);
    const consumers = connections.byEndpoint.get(endpointRef) ?? [];
    manifests.push(
      endpointIngressPolicy({
        endpoint,
        project,
        component: name,
        namespace,
        environment,
        consumers,
      }),
    );
    const exposure = exposeEndpoint({
      endpoint,
      endpointRef,
      project,
      component: name,
      namespace,
      environment,
    });
    manifests.push(...exposure.manifests);
    diagnostics.push(...exposure.diagnostics);
  }
  // The base output must hold the invariants before any template runs; each template step
  // is then checked against its input (applyTemplate), so the output after all of them holds
  // them too, and each violation names the step that introduced it.
  const security = securityScope(environment, ref);
  for (const violation of checkInvariants(
    manifests,
    namespace,
    'the compiler',
    { scope: security, before: [] },
  )) {
    diagnostics.push({
      severity: 'error',
      code: 'invariant-violated',
      entityRef: ref,
      message: violation,
    });
  }
  const templated = applyComponentTemplates({
    index,
    extensions,
    component,
    type,
    manifests,
    security,
    context: {
      name,
      project,
      environment: environment.metadata.name,
      namespace,
      replicas: intent.replicas,
      image: intent.image!,
      labels: labelsFor(id),
      selector: componentSelector(name),
    },
  });
  diagnostics.push(...templated.diagnostics);
  return {
    manifests: releaseAutoscaledReplicas(templated.manifests),
    diagnostics,
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
