import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { EntityFetcher, loadNeighbourhood } from './loadNeighbourhood';
import { exampleCatalog } from './__fixtures__/exampleCatalog';

function recordingCatalog(entities: Entity[]) {
  const requests: string[][] = [];
  const byRef = new Map(entities.map(e => [stringifyEntityRef(e), e]));
  const catalog: EntityFetcher = {
    async getEntitiesByRefs({ entityRefs }) {
      requests.push(entityRefs);
      return { items: entityRefs.map(ref => byRef.get(ref)) };
    },
  };
  return { catalog, requests };
}

function entity(ref: string): Entity {
  return exampleCatalog.find(e => stringifyEntityRef(e) === ref)!;
}

function names(entities: Entity[]): string[] {
  return entities.map(e => e.metadata.name).sort();
}

describe('loadNeighbourhood', () => {
  it("loads a component's endpoints, their consumers, and its dependencies with their providers", async () => {
    const { catalog, requests } = recordingCatalog(exampleCatalog);
    const loaded = await loadNeighbourhood(
      catalog,
      entity('component:default/checkout-api'),
    );
    expect(names(loaded)).toEqual([
      'checkout-api',
      'checkout-http',
      'fraud-grpc',
      'fraud-screening',
      'ledger-http',
      'orders-api',
      'orders-http',
      'payment-ledger',
      'storefront-web',
    ]);
    expect(requests).toEqual([
      [
        'endpoint:default/checkout-http',
        'endpoint:default/fraud-grpc',
        'endpoint:default/ledger-http',
        'endpoint:default/orders-http',
      ],
      [
        'component:default/storefront-web',
        'component:default/fraud-screening',
        'component:default/payment-ledger',
        'component:default/orders-api',
      ],
    ]);
  });

  it("loads a project's components from its hasPart relations", async () => {
    const { catalog, requests } = recordingCatalog(exampleCatalog);
    const loaded = await loadNeighbourhood(
      catalog,
      entity('system:default/fulfilment'),
    );
    expect(names(loaded)).toEqual([
      'checkout-api',
      'fulfilment',
      'inventory-tcp',
      'legacy-inventory',
      'orders-api',
      'orders-http',
      'warehouse-sync',
    ]);
    expect(requests).toHaveLength(3);
  });

  it('skips refs the catalog does not know', async () => {
    const { catalog } = recordingCatalog(
      exampleCatalog.filter(e => e.metadata.name !== 'orders-api'),
    );
    const loaded = await loadNeighbourhood(
      catalog,
      entity('component:default/warehouse-sync'),
    );
    expect(names(loaded)).toEqual([
      'inventory-tcp',
      'legacy-inventory',
      'orders-http',
      'warehouse-sync',
    ]);
  });

  it('makes no request for a component with no endpoints and no dependencies', async () => {
    const { catalog, requests } = recordingCatalog(exampleCatalog);
    const lonely: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'lonely', namespace: 'default' },
      spec: { type: 'service', system: 'payments' },
    };
    expect(await loadNeighbourhood(catalog, lonely)).toEqual([lonely]);
    expect(requests).toEqual([]);
  });

  it('passes catalog errors on', async () => {
    const catalog: EntityFetcher = {
      getEntitiesByRefs: async () => {
        throw new Error('catalog unavailable');
      },
    };
    await expect(
      loadNeighbourhood(catalog, entity('component:default/checkout-api')),
    ).rejects.toThrow('catalog unavailable');
  });
});
