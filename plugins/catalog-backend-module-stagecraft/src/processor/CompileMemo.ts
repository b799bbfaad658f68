import { createHash } from 'node:crypto';

/**
 * The most results kept; the least recently used goes first. More than the components of a
 * large catalog (each result is a list of problems, mostly empty): the catalog processes its
 * entities in turn, so a memo smaller than that would evict every result before its entity
 * came round again — at 5,000 components, with 2,000 results, every pass compiled everything.
 */
const MAX_RESULTS = 20_000;

/**
 * Results of compiling a component, by their input. Each processing pass compiles every
 * deployable component with the rest of its project — about 90 ms a component in a project of
 * 100 components with three traits each, on the catalog's event loop — though between two
 * passes nothing has usually changed: an identical input gets the result it got before.
 * The catalog's entities are fingerprinted object by object, and an object met again (the
 * reader keeps the platform and the project's components for its cache period; nothing
 * changes them, the compiler leaves its input untouched) is not hashed again, so a
 * fingerprint costs a lookup per entity; the entity processed is hashed every time.
 */
export class CompileMemo<T> {
  private readonly hashes = new WeakMap<object, string>();
  private readonly results = new Map<string, Promise<T>>();

  constructor(private readonly maxResults = MAX_RESULTS) {}

  get(
    fresh: unknown,
    catalog: object[],
    compute: () => Promise<T>,
  ): Promise<T> {
    const key = this.fingerprint(fresh, catalog);
    let result = this.results.get(key);
    if (result) {
      this.results.delete(key); // refreshed below: most recently used last
    } else {
      result = compute();
      result.catch(() => {
        if (this.results.get(key) === result) this.results.delete(key);
      });
      if (this.results.size >= this.maxResults)
        this.results.delete(this.results.keys().next().value!);
    }
    this.results.set(key, result);
    return result;
  }

  private fingerprint(fresh: unknown, catalog: object[]): string {
    const whole = createHash('sha256').update(JSON.stringify(fresh));
    for (const part of catalog) {
      let hash = this.hashes.get(part);
      if (!hash) {
        hash = createHash('sha256').update(JSON.stringify(part)).digest('hex');
        this.hashes.set(part, hash);
      }
      whole.update(hash);
    }
    return whole.digest('hex');
  }
}
