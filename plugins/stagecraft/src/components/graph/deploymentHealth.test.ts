import {
  environmentsOf,
  healthByComponent,
  pendingEnvironments,
} from './deploymentHealth';
import { deployment, pendingConnection } from './__fixtures__/exampleCatalog';

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
  };

  it('finds the environments whose pending connections name the dependency', () => {
    const deployments = [
      deployment('warehouse-sync', 'dev', {
        pendingConnections: [
          pendingConnection(
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

  it("ignores other consumers' and other endpoints' pending connections", () => {
    const deployments = [
      deployment('checkout-api', 'dev', {
        pendingConnections: [
          pendingConnection(
            'checkout-api',
            'inventory-tcp',
            'legacy-inventory',
            'dev',
          ),
        ],
      }),
      deployment('warehouse-sync', 'staging', {
        pendingConnections: [
          pendingConnection(
            'warehouse-sync',
            'orders-http',
            'orders-api',
            'staging',
          ),
        ],
      }),
      deployment('warehouse-sync', 'production', {
        pendingConnections: [
          pendingConnection(
            'warehouse-sync',
            'inventory-tcp-v2',
            'legacy-inventory',
            'production',
          ),
        ],
      }),
    ];
    expect(pendingEnvironments(deployments, connection)).toEqual([]);
  });
});
