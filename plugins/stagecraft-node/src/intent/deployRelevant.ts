import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { hasDeployIntent } from '@stagecraft/plugin-stagecraft-common';
import { createHash } from 'node:crypto';

/**
 * The kinds a compile reads. Only entities of these kinds can change what the control plane
 * releases or deploys; the control plane fetches just these from the catalog.
 */
export const DEPLOY_RELEVANT_KINDS: readonly string[] = [
  'Component',
  'System',
  'Endpoint',
  'Environment',
  'DeploymentPipeline',
  'ComponentType',
  'Trait',
];

/** The fields of a Component's spec that its release pins; the rest is catalog prose. */
const COMPONENT_INTENT_FIELDS = ['type', 'system', 'dependsOn', 'deploy'];

/**
 * The part of an entity that decides what gets released and deployed — the one definition
 * shared by the release snapshot, the catalog trigger's platform fingerprint and the catalog
 * module's change events, so they can never disagree about what "changed" means.
 *
 * - a Component with deploy intent: its type, system, dependencies and deploy block;
 * - a System: only that it exists (a component whose System is missing does not compile; its
 *   description and owner change no compile);
 * - the other deploy-relevant kinds: their whole spec.
 *
 * Metadata churn (etags, relations, annotations, descriptions) is not intent. Undefined for a
 * Component without deploy intent and for kinds no compile reads.
 */
export function deployRelevantPart(entity: Entity): Entity | undefined {
  if (!DEPLOY_RELEVANT_KINDS.includes(entity.kind)) return undefined;
  if (entity.kind === 'Component' && !hasDeployIntent(entity)) return undefined;
  const spec = entity.spec ?? {};
  let pinned: NonNullable<Entity['spec']> = spec;
  if (entity.kind === 'Component')
    pinned = Object.fromEntries(
      COMPONENT_INTENT_FIELDS.filter(k => spec[k] !== undefined).map(k => [
        k,
        spec[k],
      ]),
    );
  else if (entity.kind === 'System') pinned = {};
  return {
    apiVersion: entity.apiVersion,
    kind: entity.kind,
    metadata: {
      name: entity.metadata.name,
      namespace: entity.metadata.namespace ?? 'default',
    },
    spec: pinned,
  };
}

/**
 * A digest of {@link deployRelevantPart}; null when the entity is absent or not deploy-relevant
 * (so "lost its deploy intent" and "left the catalog" are changes too). Key order does not
 * matter: the same intent read from YAML or from the catalog's JSON hashes equally.
 */
export function deployRelevantHash(entity: Entity | undefined): string | null {
  const part = entity && deployRelevantPart(entity);
  if (!part) return null;
  return createHash('sha256')
    .update(`${stringifyEntityRef(part)}\n${canonicalJson(part.spec)}`)
    .digest('hex');
}

/** JSON with sorted keys, so equal values serialise (and hash) equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    // Undefined members are left out, as JSON.stringify does.
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .filter(k => record[k] !== undefined)
      .sort()
      .map(k => `${JSON.stringify(k)}:${canonicalJson(record[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
