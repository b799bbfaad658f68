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
  /** The pod's metadata (its template's, or a bare Pod's own): its labels and annotations. */
  metadata: JsonMap;
  /** Where that metadata sits: `spec.template.metadata`, or `metadata` for a bare Pod. */
  metadataPath: string;
  /**
   * The selector of the controller whose pod template this is (a Deployment's `spec.selector`,
   * a CronJob's `spec.jobTemplate.spec.selector`), with its path; absent for a bare Pod.
   */
  selector?: { path: string; value: unknown };
  /** Its app, init and ephemeral containers alike. */
  containers: ContainerAt[];
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

// Spelled out rather than CONTAINER_LISTS.some(…): it runs on every map of every object.
const isPodSpec = (value: JsonMap) =>
  Array.isArray(value.containers) ||
  Array.isArray(value.initContainers) ||
  Array.isArray(value.ephemeralContainers);

/**
 * Every pod spec in a rendered object. Pod specs are found by their shape (a map holding a
 * container list), at any depth, rather than by a table of kinds: a Deployment's
 * `spec.template.spec`, a CronJob's `spec.jobTemplate.spec.template.spec`, a bare Pod's
 * `spec` and the pod template of any workload kind allowed in future are all covered, and a
 * kind nobody thought of cannot slip a pod past the checks.
 */
export function podSpecsOf(object: JsonMap): PodSpecAt[] {
  const found: PodSpecAt[] = [];
  // The path is kept as segments and joined only for a pod spec found: most of an object is
  // not a pod, and this walk runs after every template step.
  const segments: string[] = [];
  const joined = (parts: string[]) =>
    parts.reduce(
      (path, s) => (s.startsWith('[') ? path + s : fieldPath(path, s)),
      '',
    );
  // `parent` holds the pod spec (and its metadata); `grandparent` holds `parent`: for a pod
  // template, the controller's spec with its selector.
  const visit = (value: unknown, parent: JsonMap, grandparent: JsonMap) => {
    if (typeof value !== 'object' || value === null) return;
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        segments.push(`[${i}]`);
        visit(item, parent, grandparent);
        segments.pop();
      });
    } else if (isPodSpec(value as JsonMap)) {
      // Nothing inside a pod spec is another pod, so the walk stops here.
      const path = joined(segments);
      const holder = segments.slice(0, -1);
      const isTemplate = segments[segments.length - 2] === 'template';
      found.push({
        path,
        spec: value as JsonMap,
        metadata: mapField(parent, 'metadata'),
        metadataPath: fieldPath(joined(holder), 'metadata'),
        ...(isTemplate && {
          selector: {
            path: fieldPath(joined(segments.slice(0, -2)), 'selector'),
            value: grandparent.selector,
          },
        }),
        containers: containersOf(value as JsonMap, path),
      });
    } else {
      for (const field of Object.keys(value)) {
        segments.push(field);
        visit((value as JsonMap)[field], value as JsonMap, parent);
        segments.pop();
      }
    }
  };
  visit(object, object, object);
  return found;
}

function containersOf(pod: JsonMap, podPath: string): ContainerAt[] {
  return CONTAINER_LISTS.flatMap(list => {
    const items = pod[list];
    if (!Array.isArray(items)) return [];
    return items.flatMap((container, i) =>
      isJsonMap(container)
        ? [{ path: `${fieldPath(podPath, list)}[${i}]`, container }]
        : [],
    );
  });
}
