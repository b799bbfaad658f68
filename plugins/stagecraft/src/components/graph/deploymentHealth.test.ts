import {
  environmentsOf,
  healthByComponent,
  pendingEnvironments,
} from './deploymentHealth';
import { deployment, pendingMessage } from './__fixtures__/exampleCatalog';

describe('healthByComponent', () => {
  it("keys each component's sync state by environment", () => {
    const health = healthByComponent([
      deployment('checkout-api', 'dev'),
      deployment('checkout-api', 'production', {
        state: 'degraded',
        reason: '1 of 2 pods ready',
      }),
      deployment('orders-api', 'dev', { state: 'progressing' }),
    ]);
    expect(Object.fromEntries(health)).toEqual({
      'component:default/checkout-api': {
        dev: {
          state: 'synced',
          reason: 'All objects are applied and ready',
          desiredState: 'deployed',
        },
        production: {
          state: 'degraded',
          reason: '1 of 2 pods ready',
          desiredState: 'deployed',
        },
      },
      'component:default/orders-api': {
        dev: {
          state: 'progressing',
          reason: 'All objects are applied and ready',
          desiredState: 'deployed',
        },
      },
    });
  });
});

describe('environmentsOf', () => {
  it('lists each environment once, in order of first appearance', () => {
    expect(
      environmentsOf([
        deployment('checkout-api', 'dev'),
        deployment('checkout-api', 'staging'),
        deployment('orders-api', 'dev'),
        deployment('orders-api', 'production'),
      ]),
    ).toEqual(['dev', 'staging', 'production']);
  });
});

describe('pendingEnvironments', () => {
  const connection = {
    consumerRef: 'component:default/warehouse-sync',
    endpointRef: 'endpoint:default/inventory-tcp',
    providerRef: 'component:default/legacy-inventory',
  };

  it('finds the environments whose pending connections name the endpoint', () => {
    const deployments = [
      deployment('warehouse-sync', 'dev', {
        pendingConnections: [
          pendingMessage(
            'warehouse-sync',
            'inventory-tcp',
            'legacy-inventory',
            'dev',
          ),
        ],
      }),
      deployment('warehouse-sync', 'production'),
    ];
    expect(pendingEnvironments(deployments, connection)).toEqual(['dev']);
  });

  it('counts a message naming only the provider as pending for its endpoints', () => {
    const deployments = [
      deployment('warehouse-sync', 'dev', {
        pendingConnections: ['component:default/legacy-inventory'],
      }),
    ];
    expect(pendingEnvironments(deployments, connection)).toEqual(['dev']);
  });

  it("ignores other consumers' and other endpoints' pending connections", () => {
    const deployments = [
      deployment('checkout-api', 'dev', {
        pendingConnections: [
          pendingMessage(
            'checkout-api',
            'inventory-tcp',
            'legacy-inventory',
            'dev',
          ),
        ],
      }),
      deployment('warehouse-sync', 'staging', {
        pendingConnections: [
          pendingMessage(
            'warehouse-sync',
            'orders-http',
            'orders-api',
            'staging',
          ),
        ],
      }),
      deployment('warehouse-sync', 'production', {
        pendingConnections: [
          'component:default/warehouse-sync → endpoint:default/inventory-tcp-v2: component:default/legacy-inventory-v2 is not deployed',
        ],
      }),
    ];
    expect(pendingEnvironments(deployments, connection)).toEqual([]);
  });

  it("does not read the consumer's own ref as its provider", () => {
    const selfConnection = {
      consumerRef: 'component:default/warehouse-sync',
      endpointRef: 'endpoint:default/sync-admin',
      providerRef: 'component:default/warehouse-sync',
    };
    const deployments = [
      deployment('warehouse-sync', 'dev', {
        pendingConnections: [
          pendingMessage(
            'warehouse-sync',
            'inventory-tcp',
            'legacy-inventory',
            'dev',
          ),
        ],
      }),
    ];
    expect(pendingEnvironments(deployments, selfConnection)).toEqual([]);
  });
});
