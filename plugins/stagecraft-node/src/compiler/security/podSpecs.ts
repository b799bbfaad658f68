/** A JSON object as rendered by the compiler and templates. */
export type JsonMap = Record<string, unknown>;

export const isJsonMap = (value: unknown): value is JsonMap =>
  !!value && typeof value === 'object' && !Array.isArray(value);

/** A map field of `value`, or an empty map when it is absent or not a map. */
export const mapField = (value: JsonMap, field: string): JsonMap =>
  isJsonMap(value[field]) ? (value[field] as JsonMap) : {};

/** A pod spec inside a rendered object, with the field path that leads to it. */
export interface PodSpecAt {
  /** From the object's root, e.g. `spec.jobTemplate.spec.template.spec`. */
  path: string;
  spec: JsonMap;
  /** The pod's metadata (its template's, or a bare Pod's own), which carries annotations. */
  metadata: JsonMap;
}

/** One container (app, init or ephemeral) of a pod spec. */
export interface ContainerAt {
  /** From the object's root, e.g. `spec.template.spec.initContainers[0]`. */
  path: string;
  container: JsonMap;
}

const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'];

/** `spec` + `template` → `spec.template`; a field of the root is just its name. */
export const fieldPath = (path: string, field: string) =>
  path ? `${path}.${field}` : field;

const isPodSpec = (value: JsonMap) =>
  CONTAINER_LISTS.some(list => Array.isArray(value[list]));

/**
 * Every pod spec in a rendered object. Pod specs are found by their shape (a map holding a
 * container list), at any depth, rather than by a table of kinds: a Deployment's
 * `spec.template.spec`, a CronJob's `spec.jobTemplate.spec.template.spec`, a bare Pod's
 * `spec` and the pod template of any workload kind allowed in future are all covered, and a
 * kind nobody thought of cannot slip a pod past the checks.
 */
export function podSpecsOf(object: JsonMap): PodSpecAt[] {
  const found: PodSpecAt[] = [];
  const visit = (value: unknown, path: string, parent: JsonMap) => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, `${path}[${i}]`, parent));
    } else if (isJsonMap(value) && isPodSpec(value)) {
      // Nothing inside a pod spec is another pod, so the walk stops here.
      found.push({ path, spec: value, metadata: mapField(parent, 'metadata') });
    } else if (isJsonMap(value)) {
      for (const [field, child] of Object.entries(value))
        visit(child, fieldPath(path, field), value);
    }
  };
  visit(object, '', object);
  return found;
}

/** Every container of a pod spec: app, init and ephemeral ones alike. */
export function containersOf(pod: PodSpecAt): ContainerAt[] {
  return CONTAINER_LISTS.flatMap(list => {
    const items = pod.spec[list];
    if (!Array.isArray(items)) return [];
    return items.flatMap((container, i) =>
      isJsonMap(container)
        ? [{ path: `${fieldPath(pod.path, list)}[${i}]`, container }]
        : [],
    );
  });
}
