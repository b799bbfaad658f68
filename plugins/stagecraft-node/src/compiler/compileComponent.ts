import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  DeployableComponentEntity,
  EnvironmentEntity,
} from '@stagecraft/plugin-stagecraft-common';
import { CompilerExtensions } from '../extensions/CompilerExtensions';
import { CatalogIndex } from './CatalogIndex';
import { applyComponentTemplates } from './applyComponentTemplates';
import { boundReplicas, releaseAutoscaledReplicas } from './autoscaledReplicas';
import { checkInvariants } from './checkInvariants';
import { resolveComponentType } from './componentTypes';
import { effectiveIntent } from './effectiveIntent';
import { exposeEndpoint } from './exposure';
import { checkGuardrails } from './guardrails';
import { componentSelector, labelsFor } from './labels';
import { namespaceName, workloadName } from './naming';
import {
  componentEgressPolicy,
  endpointIngressPolicy,
} from './networkPolicies';
import { Connection } from './resolveConnections';
import { securityScope } from './security/exceptions';
import { componentRouting } from './security/routeRules';
import { Diagnostic, Manifest, ReleaseInput } from './types';
import { workloadManifests } from './workloadManifests';

/** A component's connections, by consumer and by the endpoint they reach. */
export interface ConnectionsIndex {
  byConsumer: Map<string, Connection[]>;
  byEndpoint: Map<string, Connection[]>;
}

/**
 * Compiles one component for one environment: its workload, its policies and exposure, then
 * its type's and traits' templates, with the invariants checked before and after each step.
 * Any error leaves the component's manifests out (the caller drops them).
 */
export function compileComponent(
  index: CatalogIndex,
  environment: EnvironmentEntity,
  component: DeployableComponentEntity,
  connections: ConnectionsIndex,
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
  const security = securityScope(
    environment,
    ref,
    {
      labels: labelsFor(id),
      endpoints: endpoints.map(e => e.metadata.name),
      serviceAccount: workloadName(name),
    },
    componentRouting(environment, endpoints),
  );
  for (const violation of checkInvariants({
    producer: 'the compiler',
    namespace,
    security,
    before: [],
    after: manifests,
  })) {
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
  const bounded = boundReplicas(
    templated.manifests,
    {
      environment: environment.metadata.name,
      ...environment.spec.policy.replicas,
    },
    ref,
  );
  diagnostics.push(...bounded.diagnostics);
  return {
    manifests: releaseAutoscaledReplicas(bounded.manifests),
    diagnostics,
  };
}
