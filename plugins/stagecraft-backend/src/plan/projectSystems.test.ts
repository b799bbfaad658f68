import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { Manifest } from '@stagecraft/plugin-stagecraft-node';
import type { Deployment } from '../database/DeploymentStore';
import { component, testCatalog } from '../__testUtils__/entities';
import { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import { planDeployment } from './planDeployment';
import { snapshotRelease } from './releaseSnapshot';

// The compiler refuses a component whose System it is not given (a project is a System
// entity). A plan compiles one deployment with the entities it involves, deployed neighbours
// included, so those neighbours' Systems must come along: otherwise a consumer of another
// project would silently drop out of its provider's ingress, and a deployed provider of
// another project would look pending to its consumer.

const system = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name, namespace: 'default' },
  spec: { owner: 'team-a' },
});
const ledger = component('ledger', 'billing', { type: 'service' });
const cart = component('cart', 'shop', {
  type: 'service',
  dependsOn: ['endpoint:ledger-http'],
});
const catalog = new CatalogSnapshot([
  ...testCatalog('shop'),
  system('billing'),
  ledger,
  cart,
  {
    apiVersion: 'stagecraft.dev/v1alpha1',
    kind: 'Endpoint',
    metadata: { name: 'ledger-http', namespace: 'default' },
    spec: {
      component: 'ledger',
      protocol: 'http',
      port: 8080,
      visibility: 'organization',
    },
  },
]);
const deployed = [ledger, cart].map(c => stringifyEntityRef(c));

function plan(entity: Entity) {
  const deployment: Deployment = {
    componentRef: stringifyEntityRef(entity),
    environment: 'dev',
    releaseId: 'r1',
    overrides: {},
    desiredState: 'deployed',
    generation: 1,
    updatedBy: 'test',
    updatedAt: new Date(0),
  };
  const result = planDeployment({
    catalog,
    deployment,
    release: snapshotRelease(catalog, entity),
    deployedRefs: deployed,
  });
  if (!result.valid) throw new Error(result.reason);
  return result;
}

describe('a plan compiles its neighbours with their Systems', () => {
  it("admits a consumer of another project in the provider's ingress", () => {
    const ingress = plan(ledger).manifests.find(
      (m: Manifest) => m.metadata.name === 'ingress-ledger-http',
    );
    expect(JSON.stringify(ingress?.spec)).toContain('"shop-dev"');
    expect(JSON.stringify(ingress?.spec)).toContain('"cart"');
  });

  it('sees a deployed provider of another project as deployed, not pending', () => {
    expect(plan(cart).pendingConnections).toEqual([]);
  });
});
