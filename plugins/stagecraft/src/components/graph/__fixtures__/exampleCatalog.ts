import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  endpointDependenciesOf,
  isStagecraftEndpoint,
  projectRefOf,
  providerRefOf,
  type DeploymentStatus,
  type PendingConnection,
} from '@stagecraft/plugin-stagecraft-common';

/*
 * A slice of the example catalog (catalog-info/systems/*.yaml), with the relations the catalog
 * emits for it, for graph and view tests.
 */

function system(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name, namespace: 'default' },
    spec: { owner: 'team' },
  };
}

function component(
  name: string,
  project: string,
  options: { dependsOn?: string[]; deploy?: boolean } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: {
      type: 'service',
      owner: 'team',
      lifecycle: 'production',
      system: project,
      ...(options.dependsOn && { dependsOn: options.dependsOn }),
      ...(options.deploy !== false && {
        deploy: { image: `registry.example/${name}:1.0.0` },
      }),
    },
  };
}

function endpoint(
  name: string,
  serving: string,
  visibility: 'project' | 'organization' | 'public',
  port = 8080,
  protocol = 'http',
): Entity {
  return {
    apiVersion: 'stagecraft.dev/v1alpha1',
    kind: 'Endpoint',
    metadata: { name, namespace: 'default' },
    spec: { component: serving, port, protocol, basePath: '/', visibility },
  };
}

/** Adds the relations the catalog processors emit, in both directions. */
export function withRelations(entities: Entity[]): Entity[] {
  const relations = new Map<string, Entity['relations'] & {}>();
  const relate = (source: string, type: string, target: string) => {
    const list = relations.get(source) ?? [];
    list.push({ type, targetRef: target });
    relations.set(source, list);
  };
  for (const entity of entities) {
    const ref = stringifyEntityRef(entity);
    if (entity.kind === 'Component') {
      const project = projectRefOf(entity);
      if (project) {
        relate(ref, 'partOf', project);
        relate(project, 'hasPart', ref);
      }
      for (const { endpointRef: dependency } of endpointDependenciesOf(
        entity,
      )) {
        relate(ref, 'dependsOn', dependency);
        relate(dependency, 'dependencyOf', ref);
      }
    }
    const provider = isStagecraftEndpoint(entity) && providerRefOf(entity);
    if (provider) {
      relate(ref, 'stagecraft-endpointOf', provider);
      relate(provider, 'stagecraft-hasEndpoint', ref);
    }
  }
  return entities.map(entity => ({
    ...entity,
    relations: relations.get(stringifyEntityRef(entity)) ?? [],
  }));
}

/** The payments, fulfilment and storefront projects of the example catalog. */
export const exampleCatalog: Entity[] = withRelations([
  system('payments'),
  component('checkout-api', 'payments', {
    dependsOn: [
      'endpoint:fraud-grpc',
      'endpoint:ledger-http',
      'endpoint:orders-http',
    ],
  }),
  endpoint('checkout-http', 'checkout-api', 'organization'),
  component('fraud-screening', 'payments'),
  endpoint('fraud-grpc', 'fraud-screening', 'project', 9090, 'grpc'),
  component('payment-ledger', 'payments'),
  endpoint('ledger-http', 'payment-ledger', 'project'),
  component('refund-worker', 'payments', {
    dependsOn: ['endpoint:ledger-http'],
  }),
  system('fulfilment'),
  component('orders-api', 'fulfilment'),
  endpoint('orders-http', 'orders-api', 'organization'),
  component('warehouse-sync', 'fulfilment', {
    dependsOn: ['endpoint:orders-http', 'endpoint:inventory-tcp'],
  }),
  component('legacy-inventory', 'fulfilment', { deploy: false }),
  endpoint('inventory-tcp', 'legacy-inventory', 'project', 7000, 'tcp'),
  system('storefront'),
  component('storefront-web', 'storefront', {
    dependsOn: ['endpoint:checkout-http'],
  }),
  endpoint('storefront-https', 'storefront-web', 'public'),
]);

/** A deployment of a component in an environment, synced unless told otherwise. */
export function deployment(
  name: string,
  environment: string,
  overrides: {
    state?: DeploymentStatus['sync']['state'];
    reason?: string;
    pendingConnections?: PendingConnection[];
  } = {},
): DeploymentStatus {
  return {
    componentRef: `component:default/${name}`,
    environment,
    target: 'local',
    releaseId: 'a'.repeat(64),
    desiredState: 'deployed',
    generation: 1,
    updatedBy: 'user:default/guest',
    updatedAt: '2025-01-01T00:00:00Z',
    sync: {
      state: overrides.state ?? 'synced',
      reason: overrides.reason ?? 'All objects are applied and ready',
    },
    urls: [],
    pendingConnections: overrides.pendingConnections ?? [],
  };
}

/** A pending connection as the backend reports it (stagecraft-node resolveConnections). */
export function pendingConnection(
  consumer: string,
  endpointName: string,
  provider: string,
  environment: string,
): PendingConnection {
  const consumerRef = `component:default/${consumer}`;
  const endpointRef = `endpoint:default/${endpointName}`;
  const providerRef = `component:default/${provider}`;
  return {
    consumerRef,
    endpointRef,
    providerRef,
    environment,
    message: `${consumerRef} → ${endpointRef}: ${providerRef} is not deployed in ${environment} yet; the connection opens when it is`,
  };
}
