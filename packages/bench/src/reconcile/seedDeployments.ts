import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogSnapshot } from '@stagecraft/plugin-stagecraft-backend/src/catalog/CatalogSnapshot';
import { snapshotRelease } from '@stagecraft/plugin-stagecraft-backend/src/plan/releaseSnapshot';
import { DeploymentStore } from '@stagecraft/plugin-stagecraft-backend/src/database/DeploymentStore';

const ACTOR = 'user:default/bench';

/**
 * Records a release of every deployable component and deploys it to each environment, straight
 * through the store: what the catalog trigger and promotions would leave behind, without
 * their pipeline rules. Returns the number of deployments.
 */
export async function seedDeployments(o: {
  store: DeploymentStore;
  catalog: CatalogSnapshot;
  environments: string[];
}): Promise<number> {
  let deployments = 0;
  for (const component of o.catalog.deployableComponents()) {
    const componentRef = stringifyEntityRef(component);
    const release = await o.store.createRelease({
      componentRef,
      snapshot: snapshotRelease(o.catalog, component) as unknown as Record<
        string,
        unknown
      >,
      createdBy: ACTOR,
    });
    for (const environment of o.environments) {
      await o.store.setDeployment({
        componentRef,
        environment,
        releaseId: release.id,
        desiredState: 'deployed',
        action: 'deploy',
        actor: ACTOR,
      });
      deployments++;
    }
  }
  return deployments;
}
