import { Entity, parseEntityRef } from '@backstage/catalog-model';
import {
  PendingConnection,
  StagecraftLabel,
} from '@stagecraft/plugin-stagecraft-common';
import {
  canonicalJson,
  CompilerExtensions,
  compileEnvironment,
  Diagnostic,
  Manifest,
} from '@stagecraft/plugin-stagecraft-node';
import { createHash } from 'node:crypto';
import type { Deployment } from '../database/DeploymentStore';
import { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import { exposedUrls } from './exposedUrls';
import { ReleaseSnapshot } from './releaseSnapshot';

/** What one deployment should look like in its data plane, or why it cannot be built. */
export type DeploymentPlan =
  | {
      valid: true;
      project: string;
      component: string;
      /** The deployment's own objects: its inventory. */
      manifests: Manifest[];
      /** The project's shared objects in the environment (Namespace, default-deny). */
      shared: Manifest[];
      /**
       * sha256 of the set as canonical JSON (keys sorted): the same hash later means any
       * difference is drift. JSON, not the YAML users see: serializing YAML cost a quarter of
       * the control plane's CPU in a converge of 2,000 deployments.
       */
      desiredHash: string;
      urls: string[];
      /** Dependencies whose provider is not deployed in the environment yet. */
      pendingConnections: PendingConnection[];
      diagnostics: Diagnostic[];
    }
  | { valid: false; reason: string; diagnostics: Diagnostic[] };

/**
 * Compiles one deployment's release against the current catalog (environments, endpoints,
 * consumers) with just the entities it involves. Pure: no I/O.
 */
export function planDeployment(o: {
  catalog: CatalogSnapshot;
  deployment: Deployment;
  release: ReleaseSnapshot;
  /**
   * Components deployed in the environment, for pending-connection detection; only those
   * among the involved entities matter.
   */
  deployedRefs: string[];
  extensions?: CompilerExtensions;
  /** `involvedEntitiesOf(catalog, release)`, when the caller has them already. */
  involved?: Entity[];
}): DeploymentPlan {
  const { componentRef, environment } = o.deployment;
  const compiled = compileEnvironment({
    entities: o.involved ?? involvedEntitiesOf(o.catalog, o.release),
    environment,
    deployed: o.deployedRefs,
    releases: {
      [componentRef]: {
        image: o.release.image,
        overrides: o.deployment.overrides,
      },
    },
    extensions: o.extensions,
  });
  const diagnostics = compiled.diagnostics.filter(
    d => d.entityRef === componentRef || d.code === 'unknown-environment',
  );
  const errors = diagnostics.filter(d => d.severity === 'error');
  const component = parseEntityRef(componentRef).name;
  const own = compiled.manifests.filter(
    m => m.metadata.labels?.[StagecraftLabel.Component] === component,
  );
  if (errors.length > 0 || own.length === 0) {
    return {
      valid: false,
      reason:
        errors.map(e => e.message).join('; ') ||
        `${componentRef} compiled to no objects in ${environment}`,
      diagnostics,
    };
  }
  const namespaces = new Set(own.map(m => m.metadata.namespace));
  const shared = compiled.manifests.filter(
    m =>
      m.metadata.labels?.[StagecraftLabel.Component] === undefined &&
      namespaces.has(m.metadata.namespace ?? m.metadata.name),
  );
  return {
    valid: true,
    project: own[0].metadata.labels![StagecraftLabel.Project],
    component,
    manifests: own,
    shared,
    desiredHash: createHash('sha256')
      .update(canonicalJson([...shared, ...own]))
      .digest('hex'),
    urls: exposedUrls(own),
    pendingConnections: diagnostics.flatMap(d =>
      d.connection
        ? [{ ...d.connection, environment, message: d.message }]
        : [],
    ),
    diagnostics,
  };
}

/** The catalog entities a release's compile reads, with its pinned type and traits. */
export function involvedEntitiesOf(
  catalog: CatalogSnapshot,
  release: ReleaseSnapshot,
): Entity[] {
  const extra = [release.componentType, ...release.traits].filter(
    (e): e is NonNullable<typeof e> => e !== undefined,
  );
  return catalog.involvedEntities(release.component, extra);
}
