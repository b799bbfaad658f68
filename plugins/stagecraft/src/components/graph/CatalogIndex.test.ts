import { Entity } from '@backstage/catalog-model';
import {
  CatalogIndex,
  endpointDependencies,
  isEndpoint,
  projectOf,
  providerOf,
  resolveRef,
} from './CatalogIndex';
import { exampleCatalog } from './__fixtures__/exampleCatalog';

function componentIn(namespace: string, spec: Entity['spec']): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'consumer', namespace },
    spec,
  };
}

describe('resolveRef', () => {
  it('fills in the kind and namespace a ref is written relative to', () => {
    expect(resolveRef('orders-http', 'Endpoint', 'shop')).toBe(
      'endpoint:shop/orders-http',
    );
    expect(resolveRef('endpoint:orders-http', 'Component', 'shop')).toBe(
      'endpoint:shop/orders-http',
    );
    expect(resolveRef('System:other/payments', 'System', 'shop')).toBe(
      'system:other/payments',
    );
  });

  it('uses the default namespace for entities without one', () => {
    expect(resolveRef('payments', 'System', undefined)).toBe(
      'system:default/payments',
    );
  });
});

describe('endpointDependencies', () => {
  it('resolves endpoint refs in the component namespace and skips other dependencies', () => {
    const consumer = componentIn('shop', {
      dependsOn: [
        'endpoint:orders-http',
        'endpoint:fulfilment/stock-tcp',
        'component:legacy-erp',
        'resource:orders-db',
      ],
    });
    expect(endpointDependencies(consumer)).toEqual([
      'endpoint:shop/orders-http',
      'endpoint:fulfilment/stock-tcp',
    ]);
  });

  it('is empty for a component without dependencies', () => {
    expect(endpointDependencies(componentIn('default', {}))).toEqual([]);
  });
});

describe('projectOf and providerOf', () => {
  it('resolves spec.system and spec.component relative to the entity', () => {
    expect(projectOf(componentIn('shop', { system: 'payments' }))).toBe(
      'system:shop/payments',
    );
    expect(projectOf(componentIn('shop', {}))).toBeUndefined();
    const endpoint = exampleCatalog.find(
      e => e.metadata.name === 'orders-http',
    )!;
    expect(isEndpoint(endpoint) && providerOf(endpoint)).toBe(
      'component:default/orders-api',
    );
  });

  it("ignores another plugin's Endpoint kind", () => {
    expect(
      isEndpoint({
        apiVersion: 'example.com/v1',
        kind: 'Endpoint',
        metadata: { name: 'x' },
      }),
    ).toBe(false);
  });
});

describe('CatalogIndex', () => {
  const index = new CatalogIndex(exampleCatalog);

  it('finds the endpoints a component serves', () => {
    expect(
      index
        .endpointsServedBy('component:default/checkout-api')
        .map(e => e.metadata.name),
    ).toEqual(['checkout-http']);
  });

  it('finds the consumers of an endpoint from their specs', () => {
    expect(
      index
        .consumersOf('endpoint:default/orders-http')
        .map(e => e.metadata.name),
    ).toEqual(['checkout-api', 'warehouse-sync']);
  });

  it("finds a project's components, sorted", () => {
    expect(
      index.componentsOf('system:default/payments').map(e => e.metadata.name),
    ).toEqual([
      'checkout-api',
      'fraud-screening',
      'payment-ledger',
      'refund-worker',
    ]);
  });

  it('returns only Stagecraft endpoints from endpoint()', () => {
    expect(index.endpoint('endpoint:default/orders-http')).toBeDefined();
    expect(index.endpoint('component:default/orders-api')).toBeUndefined();
  });
});
