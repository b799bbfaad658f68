import { Entity, parseEntityRef } from '@backstage/catalog-model';
import {
  compileEnvironment,
  Diagnostic,
  Manifest,
} from '@stagecraft/plugin-stagecraft-node';
import { StagecraftLabel } from '@stagecraft/plugin-stagecraft-common';
import { applySet } from '../apply/applySet';
import { Change } from '../apply/ChangeSet';
import { ServerSideApplier } from '../apply/ServerSideApplier';
import { DeploymentStore } from '../database/DeploymentStore';

/** The outcome of one reconcile of one deployment. */
export type ReconcileResult =
  | { outcome: 'applied'; changes: Change[]; diagnostics: Diagnostic[] }
  | { outcome: 'invalid'; diagnostics: Diagnostic[] }
  | { outcome: 'absent' };

/**
 * Reconciles one deployment (component × environment) towards its stored release:
 * compile → validate → apply (with server-side dry run) → record inventory → prune.
 *
 * Objects a project's components share (its Namespace and default-deny policy) are applied
 * but never enter a deployment's inventory, so undeploying one component can never take its
 * neighbours' namespace with it.
 */
export async function reconcileDeployment(o: {
  store: DeploymentStore;
  applier: ServerSideApplier;
  /** The catalog entities the compile involves (environment, component, endpoints, types…). */
  entities: Entity[];
  componentRef: string;
  environment: string;
  /** Components deployed in the environment, for pending-connection detection. */
  deployedRefs: string[];
}): Promise<ReconcileResult> {
  const deployment = await o.store.getDeployment(o.componentRef, o.environment);
  if (!deployment) return { outcome: 'absent' };
  const previous = await o.store.getInventory(o.componentRef, o.environment);

  // Undeploy: nothing desired, everything we applied goes.
  if (deployment.desiredState === 'undeployed') {
    const { changes, inventory } = await applySet({
      applier: o.applier,
      manifests: [],
      previous,
      undeploy: true,
    });
    await o.store.saveInventory(o.componentRef, o.environment, inventory);
    return { outcome: 'applied', changes, diagnostics: [] };
  }

  // Compile the release; an invalid result applies nothing at all.
  const release = await o.store.getRelease(deployment.releaseId);
  const compiled = compileEnvironment({
    entities: o.entities,
    environment: o.environment,
    deployed: o.deployedRefs,
    releases: {
      [o.componentRef]: {
        image: release?.snapshot.image as string | undefined,
        overrides: deployment.overrides,
      },
    },
  });
  const componentName = parseEntityRef(o.componentRef).name;
  const mine = (m: Manifest) =>
    m.metadata.labels?.[StagecraftLabel.Component] !== undefined;
  const own = compiled.manifests.filter(
    m => m.metadata.labels?.[StagecraftLabel.Component] === componentName,
  );
  const errors = compiled.diagnostics.filter(
    d => d.severity === 'error' && d.entityRef === o.componentRef,
  );
  if (errors.length > 0 || own.length === 0) {
    return {
      outcome: 'invalid',
      diagnostics: errors.length > 0 ? errors : compiled.diagnostics,
    };
  }
  const shared = compiled.manifests.filter(
    m =>
      !mine(m) &&
      own.some(
        x => x.metadata.namespace === (m.metadata.namespace ?? m.metadata.name),
      ),
  );

  // Shared objects first (outside the inventory), then the deployment's own set.
  await o.applier.applyAll(shared);
  const { changes, inventory } = await applySet({
    applier: o.applier,
    manifests: own,
    previous,
  });
  await o.store.saveInventory(o.componentRef, o.environment, inventory);
  return {
    outcome: 'applied',
    changes,
    diagnostics: compiled.diagnostics.filter(
      d => d.entityRef === o.componentRef,
    ),
  };
}
