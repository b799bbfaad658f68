import Module, { createRequire } from 'node:module';

/** A module whose loading can wait until its exports are first used. */
export interface DeferredModule {
  /** As the requiring package names it, e.g. `@google-cloud/container`. */
  specifier: string;
  /**
   * Whether the real module's exports have a `default` property. Rollup's CommonJS interop
   * (`_interopNamespaceCompat`) asks `'default' in exports` when the requiring file loads,
   * and the stand-in answers that without loading the module; a test holds this to the
   * installed version (kubernetesBackendClouds.test.ts).
   */
  hasDefaultExport: boolean;
}

/**
 * Makes `require` of each module, resolved from `requiredFrom`, return a stand-in that loads
 * the real module the first time one of its exports is read or written, and from then on
 * forwards to it.
 * A module already loaded, or not installed, is left alone.
 *
 * Why: the stock Kubernetes backend requires Google's GKE client when it loads, whether or not
 * a GKE cluster or Google service account is configured; its protobuf descriptors and source
 * text took 11 MiB of the backend's heap at rest, ~17 MiB of RSS (docs/benchmarks.md,
 * "Memory of the real backend"). With the stand-in it is loaded when a GKE locator or Google
 * service-account credential is first used, as before, only later.
 *
 * Only for modules whose requirers read exports when they run code, not while they load
 * (checked by reading them; `'default' in` is the one question answered without loading).
 */
export function deferLoading(
  modules: DeferredModule[],
  requiredFrom: string,
): string[] {
  const requireFrom = createRequire(requiredFrom);
  const deferred: string[] = [];
  for (const { specifier, hasDefaultExport } of modules) {
    let path: string;
    try {
      path = requireFrom.resolve(specifier);
    } catch {
      continue;
    }
    if (require.cache[path]) continue;
    let real: object | undefined;
    const load = (): object => {
      if (!real) {
        // Out of the cache first, or the require below would answer with the stand-in.
        delete require.cache[path];
        real = requireFrom(specifier) as object;
      }
      return real;
    };
    const standIn = new Module(path);
    standIn.filename = path;
    standIn.loaded = true;
    standIn.exports = new Proxy(
      {},
      {
        get: (_target, key) => Reflect.get(load(), key),
        // Writes land on the real exports, where every later require will find them.
        set: (_target, key, value) => Reflect.set(load(), key, value),
        defineProperty: (_target, key, descriptor) =>
          Reflect.defineProperty(load(), key, descriptor),
        deleteProperty: (_target, key) => Reflect.deleteProperty(load(), key),
        has: (_target, key) =>
          key === 'default' ? hasDefaultExport : Reflect.has(load(), key),
        ownKeys: () => Reflect.ownKeys(load()),
        // Reported configurable: the stand-in's own target has none of these properties,
        // and a proxy may not report a non-configurable one its target lacks.
        getOwnPropertyDescriptor: (_target, key) => {
          const found = Reflect.getOwnPropertyDescriptor(load(), key);
          return found && { ...found, configurable: true };
        },
      },
    );
    require.cache[path] = standIn;
    deferred.push(specifier);
  }
  return deferred;
}
