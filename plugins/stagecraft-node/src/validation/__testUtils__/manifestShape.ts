import { parseAllDocuments } from 'yaml';
import { serializeManifests } from '../../compiler/serializeManifests';
import { Manifest } from '../../compiler/types';

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
/** Keys Kubernetes objects and ConfigMap data may have; nothing an entity smuggles in. */
const KEY = /^[-A-Za-z0-9_./]+$/;

function qualifiedKeyProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = key.slice(slash + 1);
  if (prefix !== undefined && !(prefix.length <= 253 && SUBDOMAIN.test(prefix)))
    return `prefix of "${key}" is not a DNS subdomain`;
  if (!(name.length <= 63 && QUALIFIED_NAME.test(name)))
    return `"${key}" is not a qualified name`;
  return undefined;
}

function keyProblems(value: unknown, path: string, out: string[]): void {
  if (typeof value === 'string' && /\p{Cs}/u.test(value))
    out.push(`${path} holds a lone surrogate, which the API server refuses`);
  if (Array.isArray(value)) {
    value.forEach((v, i) => keyProblems(v, `${path}[${i}]`, out));
  } else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (!KEY.test(key))
        out.push(`${path} has the key ${JSON.stringify(key)}`);
      keyProblems(v, `${path}.${key}`, out);
    }
  }
}

/**
 * Why the compiled objects could not be what the API server accepts, or smuggle entity text
 * into places it does not belong: names that are not DNS names, invalid label keys and values,
 * keys that are not Kubernetes field names, strings that are not Unicode, and YAML that does
 * not read back as the objects.
 */
export function manifestShapeProblems(manifests: Manifest[]): string[] {
  const problems: string[] = [];
  for (const m of manifests) {
    const what = `${m.kind} ${JSON.stringify(m.metadata?.name)}`;
    const name = m.metadata?.name ?? '';
    const isLabelNamed = m.kind === 'Namespace' || m.kind === 'Service';
    if (
      !(isLabelNamed
        ? name.length <= 63 && LABEL.test(name)
        : name.length <= 253 && SUBDOMAIN.test(name))
    )
      problems.push(`${what}: name is not a DNS name`);
    const ns = m.metadata.namespace;
    if (ns !== undefined && !(ns.length <= 63 && LABEL.test(ns)))
      problems.push(`${what}: namespace ${JSON.stringify(ns)} is not a label`);
    for (const [key, value] of Object.entries(m.metadata.labels ?? {})) {
      const keyProblem = qualifiedKeyProblem(key);
      if (keyProblem) problems.push(`${what}: label ${keyProblem}`);
      if (!(value === '' || (value.length <= 63 && QUALIFIED_NAME.test(value))))
        problems.push(
          `${what}: label ${key} has the value ${JSON.stringify(value)}`,
        );
    }
    for (const key of Object.keys(m.metadata.annotations ?? {})) {
      const keyProblem = qualifiedKeyProblem(key);
      if (keyProblem) problems.push(`${what}: annotation ${keyProblem}`);
    }
    keyProblems(m, what, problems);
  }
  const read = parseAllDocuments(serializeManifests(manifests)).map(d =>
    d.toJS(),
  );
  if (JSON.stringify(canonical(read)) !== JSON.stringify(canonical(manifests)))
    problems.push('the YAML written does not read back as the same objects');
  return problems;
}

/** The value with object keys sorted (the YAML is written sorted) and undefined fields gone. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => Number(a > b) - Number(a < b))
        .map(([k, v]) => [k, canonical(v)]),
    );
  return value;
}
