import { Entity } from '@backstage/catalog-model';
import {
  endpointDependenciesOf,
  isStagecraftEndpoint,
  providerRefOf,
} from './endpoints';
import {
  environmentRef,
  isInStagecraftNamespace,
  resolveEntityRef,
  tryResolveEntityRef,
} from './entityRefs';
import { hasDeployIntent } from './deployIntent';
import { projectNameOf, projectRefOf } from './projects';
import { withSpecDefaults } from './stagecraftEntities';

function component(namespace: string, spec: Entity['spec']): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'consumer', namespace },
    spec,
  };
}

const endpoint = (
  spec: Entity['spec'],
  apiVersion = 'stagecraft.dev/v1alpha1',
) =>
  ({
    apiVersion,
    kind: 'Endpoint',
    metadata: { name: 'orders-http', namespace: 'shop' },
    spec,
  } as Entity);

describe('resolveEntityRef', () => {
  it('fills in the kind and namespace a ref is written relative to', () => {
    expect(resolveEntityRef('orders-http', 'Endpoint', 'shop')).toBe(
      'endpoint:shop/orders-http',
    );
    expect(resolveEntityRef('endpoint:orders-http', 'Component', 'shop')).toBe(
      'endpoint:shop/orders-http',
    );
    expect(resolveEntityRef('System:Other/Payments', 'System', 'shop')).toBe(
      'system:other/payments',
    );
    expect(resolveEntityRef('payments', 'System')).toBe(
      'system:default/payments',
    );
  });

  it('throws for what is not a ref, which tryResolveEntityRef answers with undefined', () => {
    for (const written of [':x', 'component:', 'a/']) {
      expect(() => resolveEntityRef(written, 'Component')).toThrow();
      expect(tryResolveEntityRef(written, 'Component')).toBeUndefined();
    }
    expect(tryResolveEntityRef(42, 'Component')).toBeUndefined();
    expect(tryResolveEntityRef('', 'Component')).toBeUndefined();
    expect(tryResolveEntityRef('x', 'Component', 'ns')).toBe('component:ns/x');
  });
});

describe('isInStagecraftNamespace', () => {
  it('holds for full refs of the default namespace only', () => {
    expect(isInStagecraftNamespace('system:default/payments')).toBe(true);
    expect(isInStagecraftNamespace('system:evil/payments')).toBe(false);
    expect(isInStagecraftNamespace('component:default-2/api')).toBe(false);
  });
});

describe('environmentRef', () => {
  it('names the Environment in the default namespace, never parsing the name', () => {
    expect(environmentRef('staging')).toBe('environment:default/staging');
    expect(environmentRef('other/prod')).toBe('environment:default/other/prod');
  });
});

describe('projectRefOf and projectNameOf', () => {
  it('resolve spec.system in the component namespace: a ref, or the name as written', () => {
    const shop = component('team-a', { system: 'Shop' });
    expect(projectRefOf(shop)).toBe('system:team-a/shop');
    expect(projectNameOf(shop)).toBe('Shop');
    expect(
      projectNameOf(component('x', { system: 'system:default/shop' })),
    ).toBe('shop');
    expect(projectNameOf(component('team-a', { system: 'team-a/shop' }))).toBe(
      'shop',
    );
  });

  it('are undefined without a project, or for a system that is not a ref', () => {
    for (const system of [undefined, '', 42, ':x']) {
      expect(projectRefOf(component('default', { system }))).toBeUndefined();
      expect(projectNameOf(component('default', { system }))).toBeUndefined();
    }
  });
});

describe('hasDeployIntent', () => {
  it('holds for Components with spec.deploy, whatever its value', () => {
    expect(hasDeployIntent(component('d', { deploy: {} }))).toBe(true);
    expect(hasDeployIntent(component('d', { deploy: null }))).toBe(true);
    expect(hasDeployIntent(component('d', {}))).toBe(false);
    expect(
      hasDeployIntent({ ...component('d', { deploy: {} }), kind: 'Resource' }),
    ).toBe(false);
  });
});

describe('endpoints', () => {
  it("knows Stagecraft's Endpoint kind from another plugin's", () => {
    expect(isStagecraftEndpoint(endpoint({}))).toBe(true);
    expect(isStagecraftEndpoint(endpoint({}, 'example.com/v1'))).toBe(false);
  });

  it("resolves the provider in the endpoint's namespace", () => {
    expect(providerRefOf(endpoint({ component: 'orders-api' }))).toBe(
      'component:shop/orders-api',
    );
    expect(providerRefOf(endpoint({}))).toBeUndefined();
  });

  it('serves no component of another namespace: an endpoint cannot attach itself to it', () => {
    for (const written of [
      'component:default/orders-api',
      'default/orders-api',
    ])
      expect(providerRefOf(endpoint({ component: written }))).toBeUndefined();
    expect(providerRefOf(endpoint({ component: 'component:Shop/x' }))).toBe(
      'component:shop/x',
    );
  });

  it('lists the endpoint dependencies with their position, skipping other dependencies and non-refs', () => {
    const consumer = component('shop', {
      dependsOn: [
        'endpoint:orders-http',
        'component:legacy-erp',
        ':broken',
        42,
        'endpoint:fulfilment/stock-tcp',
      ],
    });
    expect(endpointDependenciesOf(consumer)).toEqual([
      {
        endpointRef: 'endpoint:shop/orders-http',
        written: 'endpoint:orders-http',
        index: 0,
      },
      {
        endpointRef: 'endpoint:fulfilment/stock-tcp',
        written: 'endpoint:fulfilment/stock-tcp',
        index: 4,
      },
    ]);
    expect(endpointDependenciesOf(component('shop', {}))).toEqual([]);
  });
});

describe('withSpecDefaults', () => {
  it('fills the defaults of a Stagecraft kind into a copy', () => {
    const written = endpoint({ component: 'orders-api', port: 8080 });
    expect(withSpecDefaults(written).spec).toEqual({
      component: 'orders-api',
      port: 8080,
      protocol: 'http',
      basePath: '/',
      visibility: 'project',
    });
    expect(written.spec).toEqual({ component: 'orders-api', port: 8080 });
  });

  it('leaves other and invalid entities as they are', () => {
    const foreign = endpoint({ port: 'x' }, 'example.com/v1');
    expect(withSpecDefaults(foreign)).toBe(foreign);
    const invalid = endpoint({ port: 'x' });
    expect(withSpecDefaults(invalid)).toBe(invalid);
  });
});
