import type { ComponentDeploy } from '@stagecraft/plugin-stagecraft-common';

/** A release's snapshot, as far as the diff reads it (see the backend's releaseSnapshot.ts). */
interface Snapshot {
  image?: unknown;
  component?: { spec?: { deploy?: ComponentDeploy } };
}

const resourceLabels: [
  keyof NonNullable<ComponentDeploy['resources']>,
  string,
][] = [
  ['requests', 'request'],
  ['limits', 'limit'],
];

/**
 * What a release specifies for one environment, as labelled, readable values: image,
 * replicas, environment variables, secret references, resources and traits, with the
 * environment's overrides applied the way the compiler applies them (scalars replaced, env
 * maps merged). Environment policy defaults are not in a release, so they are not here.
 */
export function releaseFields(
  snapshot: Record<string, unknown>,
  environment: string,
): Map<string, string> {
  const { image, component } = snapshot as Snapshot;
  const deploy = component?.spec?.deploy ?? {};
  const override = deploy.environments?.[environment] ?? {};
  const fields = new Map<string, string>();
  const set = (label: string, value: unknown) => {
    if (value !== undefined) fields.set(label, formatValue(value));
  };

  set(
    'Image',
    override.image ?? (typeof image === 'string' ? image : deploy.image),
  );
  set('Replicas', override.replicas ?? deploy.replicas);
  for (const [name, value] of Object.entries({
    ...deploy.env,
    ...override.env,
  }))
    set(`Env ${name}`, value);
  const secretEnv = { ...deploy.secretEnv, ...override.secretEnv };
  for (const [name, ref] of Object.entries(secretEnv))
    set(`Secret env ${name}`, `secret ${ref.secret}, key ${ref.key}`);
  const resources = override.resources ?? deploy.resources ?? {};
  for (const [kind, word] of resourceLabels) {
    set(`CPU ${word}`, resources[kind]?.cpu);
    set(`Memory ${word}`, resources[kind]?.memory);
  }
  for (const trait of deploy.traits ?? [])
    set(`Trait ${trait.name}`, formatParameters(trait.parameters));
  return fields;
}

function formatParameters(parameters: Record<string, unknown> | undefined) {
  const entries = Object.entries(parameters ?? {});
  if (!entries.length) return 'on';
  return entries
    .map(([key, value]) => `${key}: ${formatValue(value)}`)
    .join(', ');
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  if (Array.isArray(value)) return value.map(formatValue).join(', ');
  if (value && typeof value === 'object')
    return formatParameters(value as Record<string, unknown>);
  return String(value);
}

/** A field whose value differs between two environments; absent values are undefined. */
export interface FieldDifference {
  field: string;
  left?: string;
  right?: string;
}

/** The fields that differ between two environments' releases, in a stable order. */
export function diffFields(
  left: Map<string, string>,
  right: Map<string, string>,
): FieldDifference[] {
  const fields = [...new Set([...left.keys(), ...right.keys()])];
  return fields
    .filter(field => left.get(field) !== right.get(field))
    .map(field => ({ field, left: left.get(field), right: right.get(field) }));
}
