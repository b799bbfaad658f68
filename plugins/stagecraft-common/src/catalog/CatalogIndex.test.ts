import { Entity } from '@backstage/catalog-model';
import { CatalogIndex } from './CatalogIndex';

const component = (
  name: string,
  spec: Record<string, unknown>,
  namespace = 'default',
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace },
  spec: { type: 'service', owner: 'team', ...spec },
});

const stagecraft = (kind: string, name: string, spec: object): Entity => ({
  apiVersion: 'stagecraft.dev/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec: spec as Entity['spec'],
});

const catalog = [
  component('warehouse', {
    system: 'logistics',
    dependsOn: ['endpoint:orders-http', 'endpoint:gone', 'component:erp'],
  }),
  component('checkout', {
    system: 'shop',
    deploy: {},
    dependsOn: ['endpoint:orders-http'],
  }),
  component('orders-api', { system: 'shop', deploy: {} }),
  component('Audit', { system: 'system:default/shop' }),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: {
      name: 'shop',
      namespace: 'default',
      annotations: { 'stagecraft.dev/pipeline': 'fast' },
    },
    spec: { owner: 'team' },
  },
  stagecraft('DeploymentPipeline', 'fast', {
    stages: [
      { environment: 'dev' },
      { environment: 'staging', requiresApproval: true },
    ],
  }),
  stagecraft('Endpoint', 'orders-http', { component: 'orders-api' }),
  stagecraft('Endpoint', 'orders-admin', { component: 'orders-api' }),
  stagecraft('Environment', 'staging', {}),
  stagecraft('Environment', 'dev', {}),
  { ...stagecraft('Environment', 'prod', {}), apiVersion: 'example.com/v1' },
  {
    ...stagecraft('Endpoint', 'foreign', { component: 'orders-api' }),
    apiVersion: 'example.com/v1',
  },
];

describe('CatalogIndex', () => {
  const index = new CatalogIndex(catalog);
  const names = (entities: Entity[]) => entities.map(e => e.metadata.name);

  it('finds entities by ref in any letter case', () => {
    expect(index.get('Component:default/AUDIT')?.metadata.name).toBe('Audit');
    expect(index.get('component:default/nobody')).toBeUndefined();
  });

  it('finds the Stagecraft endpoints a component serves, sorted by name', () => {
    expect(
      names(index.endpointsServedBy('component:default/orders-api')),
    ).toEqual(['orders-admin', 'orders-http']);
    expect(index.endpoint('endpoint:default/foreign')).toBeUndefined();
    expect(index.endpoint('component:default/orders-api')).toBeUndefined();
  });

  it('finds the consumers of an endpoint from their specs, sorted by ref', () => {
    expect(names(index.consumersOf('endpoint:default/orders-http'))).toEqual([
      'checkout',
      'warehouse',
    ]);
  });

  it('lists deployable components and the components of a project, sorted by ref', () => {
    expect(names(index.deployableComponents())).toEqual([
      'checkout',
      'orders-api',
    ]);
    expect(names(index.componentsOfProject('system:default/shop'))).toEqual([
      'Audit',
      'checkout',
      'orders-api',
    ]);
  });

  it("knows Stagecraft's environments by name", () => {
    expect(index.environment('staging')?.metadata.name).toBe('staging');
    expect(index.environment('prod')).toBeUndefined();
  });

  it("lists Stagecraft's environments in the catalog's order, not another API's", () => {
    expect(names([...index.environments])).toEqual(['staging', 'dev']);
  });

  it('resolves each endpoint dependency to its endpoint and provider, where the catalog holds them', () => {
    const [orders, gone] = index.dependenciesOf(catalog[0]);
    expect(orders).toMatchObject({
      endpointRef: 'endpoint:default/orders-http',
      index: 0,
      providerRef: 'component:default/orders-api',
      provider: { metadata: { name: 'orders-api' } },
    });
    expect(gone).toEqual({
      endpointRef: 'endpoint:default/gone',
      written: 'endpoint:gone',
      index: 1,
      endpoint: undefined,
      providerRef: undefined,
      provider: undefined,
    });
    expect(index.dependenciesOf(catalog[0])).toHaveLength(2);
  });

  it("resolves a component's pipeline through its project, or names the one it lacks", () => {
    const checkout = index.get('component:default/checkout')!;
    expect(index.pipelineFor(checkout)).toEqual({
      ref: 'deploymentpipeline:default/fast',
      stages: [
        { environment: 'dev', requiresApproval: false },
        { environment: 'staging', requiresApproval: true },
      ],
    });
    const warehouse = catalog[0];
    expect(index.pipelineFor(warehouse)).toBeUndefined();
    expect(index.pipelineRefOf(warehouse)).toBe(
      'deploymentpipeline:default/default',
    );
  });
});
